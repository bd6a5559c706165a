/**
 * The self-contained HTML report of a ranking or a benchmark ({@link org.neardl4j.cli.report.HtmlReport}): one file,
 * inline CSS and SVG, no scripts, nothing fetched.
 */
package org.neardl4j.cli.report;
