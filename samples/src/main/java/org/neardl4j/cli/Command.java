package org.neardl4j.cli;

import java.io.PrintStream;

/**
 * One subcommand of {@link NearCli} ({@code score}, ...). Implementations write results to {@code out} and
 * report failures by throwing {@link CliException}; they never call {@link System#exit}.
 *
 * <pre>{@code
 * Command score = new ScoreCommand();
 * int code = score.run(new String[] {"--json"}, System.out, System.err);
 * }</pre>
 */
public interface Command {

    /** The name typed on the command line, e.g. {@code score}. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** The full help text (usage line and options). */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @return the exit code ({@link NearCli#EXIT_OK} on success)
     * @throws CliException for a usage error or unusable input, reported by {@link NearCli} as one line
     */
    int run(String[] args, PrintStream out, PrintStream err) throws CliException;
}
