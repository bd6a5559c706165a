package org.neardl4j.cli;

import com.google.common.collect.ImmutableMap;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code near-cli} command-line tool: {@code java -jar samples/target/near-cli.jar <command> [options]}.
 *
 * <p>Commands: {@code score} ({@link ScoreCommand}). Exit codes: {@value #EXIT_OK} success,
 * {@value #EXIT_BAD_INPUT} a file, the data or the model cannot be used (missing file, not a DL4J model,
 * shape mismatch, empty array, NaN/Inf in the input or in an activation), {@value #EXIT_USAGE} the command line
 * is wrong (unknown command or option, missing or malformed value). Failures are one line on stderr; with
 * {@code --verbose} the stack trace follows.
 *
 * <pre>{@code
 * // in-process, e.g. from a test
 * int code = NearCli.run(new String[] {"score", "--json"}, System.out, System.err);
 * }</pre>
 */
public final class NearCli {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** A file, the data or the model cannot be used. */
    public static final int EXIT_BAD_INPUT = 1;
    /** The command line is wrong. */
    public static final int EXIT_USAGE = 2;

    /** The program name shown in usage texts. */
    static final String PROGRAM = "java -jar samples/target/near-cli.jar";

    private NearCli() {
    }

    /**
     * The commands, by name. Created on first use, not in a static initialiser, so that {@link #main} configures
     * logging before any DL4J/ND4J class is loaded.
     */
    private static ImmutableMap<String, Command> commands() {
        ImmutableMap.Builder<String, Command> b = ImmutableMap.builder();
        for (Command c : new Command[] {new ScoreCommand(), new RankCommand()}) {
            b.put(c.name(), c);
        }
        return b.build();
    }

    public static void main(String[] args) {
        configureLogging(Arrays.asList(args).contains("--verbose"));
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs the tool in-process.
     *
     * @param args the command line (command first)
     * @param out  where results go
     * @param err  where failures go (one line each)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ImmutableMap<String, Command> commands = commands();
        if (args.length == 0) {
            err.println("error: no command given (commands: " + String.join(", ", commands.keySet()) + "); run with --help");
            return EXIT_USAGE;
        }
        String name = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            if (rest.length > 0 && commands.containsKey(rest[0])) {
                out.print(commands.get(rest[0]).usage());
            } else {
                out.print(usage());
            }
            return EXIT_OK;
        }
        Command command = commands.get(name);
        if (command == null) {
            err.println("error: unknown command '" + name + "' (commands: " + String.join(", ", commands.keySet())
                    + "); run with --help");
            return EXIT_USAGE;
        }
        List<String> restList = Arrays.asList(rest);
        if (restList.contains("--help") || restList.contains("-h")) {
            out.print(command.usage());
            return EXIT_OK;
        }
        boolean verbose = restList.contains("--verbose");
        try {
            return command.run(rest, out, err);
        } catch (CliException e) {
            err.println("error: " + CliException.oneLine(e)
                    + (e.exitCode() == EXIT_USAGE ? " (run '" + name + " --help' for usage)" : ""));
            if (verbose && e.getCause() != null) {
                e.printStackTrace(err);
            }
            return e.exitCode();
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            err.println("error: " + CliException.oneLine(e) + (verbose ? "" : " (use --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return EXIT_BAD_INPUT;
        }
    }

    /** The tool's help text: the commands and the exit codes. */
    static String usage() {
        ImmutableMap<String, Command> commands = commands();
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ").append(PROGRAM).append(" <command> [options]").append(nl).append(nl);
        sb.append("NEAR (Network Expressivity by Activation Rank) for Deeplearning4j models.").append(nl).append(nl);
        sb.append("commands:").append(nl);
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Command c : commands.values()) {
            sb.append("  ").append(c.name()).append(" ".repeat(width - c.name().length() + 3)).append(c.summary())
                    .append(nl);
        }
        sb.append(nl).append("run '<command> --help' for its options.").append(nl).append(nl);
        sb.append(exitCodes());
        return sb.toString();
    }

    /** The exit-code table shared by all usage texts. */
    static String exitCodes() {
        String nl = System.lineSeparator();
        return "exit codes:" + nl
                + "  " + EXIT_OK + "  success" + nl
                + "  " + EXIT_BAD_INPUT + "  bad input: missing or unreadable file, not a DL4J model, shape mismatch,"
                + " empty array, NaN/Inf in the input or in an activation" + nl
                + "  " + EXIT_USAGE + "  bad command line: unknown command or option, missing or malformed value" + nl;
    }

    /** Quiets ND4J's start-up logging (slf4j-simple, stderr) unless {@code --verbose}; -D settings win. */
    private static void configureLogging(boolean verbose) {
        String key = "org.slf4j.simpleLogger.defaultLogLevel";
        if (System.getProperty(key) == null) {
            System.setProperty(key, verbose ? "info" : "warn");
        }
    }
}
