/**
 * Progress of long work on stderr ({@link org.neardl4j.cli.progress.Progress}): a progress bar on a terminal, a
 * plain line every few seconds elsewhere, nothing with {@code --quiet}.
 */
package org.neardl4j.cli.progress;
