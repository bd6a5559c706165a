/**
 * The {@code near-cli} command-line tool ({@link org.neardl4j.cli.NearCli}): subcommand dispatch, option parsing
 * ({@link org.neardl4j.cli.Options}) and one class per subcommand ({@link org.neardl4j.cli.ScoreCommand}).
 */
package org.neardl4j.cli;
