/**
 * Files for the command-line tool: DL4J model zips ({@link org.neardl4j.cli.io.ModelFiles}), NumPy arrays
 * ({@link org.neardl4j.cli.io.NpyFiles}) and the check of inputs against a network
 * ({@link org.neardl4j.cli.io.InputCheck}).
 */
package org.neardl4j.cli.io;
