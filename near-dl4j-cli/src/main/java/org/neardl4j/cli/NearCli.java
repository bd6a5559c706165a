/*
 * Copyright 2026 the near-dl4j authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.neardl4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The {@code near-cli} command-line tool: {@code java -jar near-dl4j-cli/target/near-cli.jar <command> [options]}.
 *
 * <p>Commands: {@code score} ({@link ScoreCommand}), {@code rank} ({@link RankCommand}), {@code search}
 * ({@link SearchCommand}), {@code completion}
 * ({@link CompletionCommand}, a bash completion script) and {@code help}; {@code --version} prints the versions of
 * near-dl4j, DL4J and ND4J and the backend ({@link VersionInfo}). Parsed by picocli ({@link Cli}). Exit codes:
 * {@value #EXIT_OK} success, {@value #EXIT_BAD_INPUT} a file, the data or the model cannot be used (missing file,
 * not a DL4J model, shape mismatch, empty array, NaN/Inf in the input or in an activation), {@value #EXIT_USAGE}
 * the command line is wrong (unknown command or option, missing or malformed value), {@value #EXIT_PARTIAL}
 * {@code rank} partly failed (some candidates could not be scored; the others are ranked). Failures are one line on
 * stderr; with {@code --verbose} the stack trace follows.
 *
 * <pre>{@code
 * // in-process, e.g. from a test
 * int code = NearCli.run(new String[] {"score", "--json"}, System.out, System.err);
 * }</pre>
 */
@Command(name = "near-cli", versionProvider = VersionInfo.class, sortOptions = false, usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "<command>",
        description = {"NEAR (Network Expressivity by Activation Rank) for Deeplearning4j models.", ""},
        footer = {"", "Run 'near-cli <command> --help' for its options.", "", NearCli.EXIT_CODES})
public final class NearCli implements Callable<Integer> {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** A file, the data or the model cannot be used. */
    public static final int EXIT_BAD_INPUT = 1;
    /** The command line is wrong. */
    public static final int EXIT_USAGE = 2;
    /** {@code rank}: some candidates could not be scored; the others are ranked, every output lists the failures. */
    public static final int EXIT_PARTIAL = 3;

    /** The exit-code table shared by all help texts. */
    static final String EXIT_CODES = "exit codes:%n"
            + "  0  success%n"
            + "  1  bad input: missing or unreadable file, not a DL4J model or configuration, shape mismatch,%n"
            + "     empty array, NaN/Inf in the input or in an activation%n"
            + "  2  bad command line: unknown command or option, missing or malformed value%n"
            + "  3  rank partly failed: some candidates could not be scored (each named in the output, with its%n"
            + "     error); the others are ranked and every output is written";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the versions of near-dl4j, DL4J and"
            + " ND4J and the backend")
    private boolean version;

    private NearCli() {
    }

    public static void main(String[] args) {
        // logging first: NativeBuild's logger would otherwise start slf4j-simple before the level is set
        Cli.configureLogging(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
        NativeBuild.select();
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /**
     * The tool's command line: {@code near-cli} with its subcommands, writing to {@code out} and {@code err}.
     *
     * @param out where results go
     * @param err where failures and progress go
     * @return the picocli command line
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new NearCli());
        cl.addSubcommand("score", new ScoreCommand(out));
        cl.addSubcommand("rank", new RankCommand(out, err));
        cl.addSubcommand("search", new SearchCommand(out, err));
        cl.addSubcommand("completion", new CompletionCommand());
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        return Cli.commandLine(cl, out, err);
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
        return Cli.run(commandLine(out, err), args, out, err);
    }

    /** No command given. */
    @Override
    public Integer call() throws CliException {
        throw CliException.usage("no command given (commands: score, rank, completion)");
    }
}
