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

import com.google.common.base.Preconditions;
import org.neardl4j.sampling.BlockMode;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one command-line parser of {@code near-cli} and of every program in the samples module: picocli, configured
 * so that every program behaves like {@code near-cli} always has. Exit codes {@value NearCli#EXIT_OK} (success),
 * {@value NearCli#EXIT_BAD_INPUT} (a file, the data or the model cannot be used) and {@value NearCli#EXIT_USAGE}
 * (the command line is wrong); a failure is one line on stderr starting with {@code error: }, with the stack trace
 * only when {@code --verbose} was given. Enum options are written in lower case ({@code --block first}); integer
 * options say {@code needs an integer} when they get something else.
 *
 * <pre>{@code
 * @Command(name = "MyProgram", mixinStandardHelpOptions = true)
 * final class MyProgram implements Callable<Integer> {
 *     @Option(names = "--runs") int runs = 5;
 *     public Integer call() { ...; return 0; }
 *     public static void main(String[] args) { Cli.main(new MyProgram(), args); }
 * }
 * }</pre>
 */
public final class Cli {

    private Cli() {
    }

    /**
     * A picocli command line for {@code command} that writes to {@code out} and {@code err}, with this project's
     * converters, messages and exit codes.
     *
     * @param command an object annotated with {@code @Command} (or a ready {@link CommandLine}'s user object)
     * @param out     where results and help go
     * @param err     where failures go
     * @return the configured command line
     */
    public static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        Preconditions.checkNotNull(command, "command");
        CommandLine cl = command instanceof CommandLine ? (CommandLine) command : new CommandLine(command);
        configure(cl, out, err);
        return cl;
    }

    /**
     * Parses {@code args} and runs the command (or the subcommand they name).
     *
     * @param command an object annotated with {@code @Command}, or a {@link CommandLine}
     * @param args    the command line
     * @param out     where results and help go
     * @param err     where failures go (one line each)
     * @return the exit code
     */
    public static int run(Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(command, out, err);
        for (String a : args) {
            if (a.equals("--")) {
                // picocli reads "--" as the end of the options; none of these programs has positional arguments
                return usageError(cl, "unexpected argument '--' (options start with --)", err);
            }
        }
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs a program's {@code main}: picks the nd4j-native build ({@link NativeBuild#select}), then {@link #run} on
     * {@code System.out} and {@code System.err}, then
     * {@link System#exit} with the exit code when it is not 0 (a successful run returns, so that tests can call
     * {@code main}).
     *
     * @param command the program's command object
     * @param args    the command line
     */
    public static void main(Object command, String[] args) {
        // logging first: NativeBuild's logger would otherwise start slf4j-simple before the level is set
        configureLogging(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
        NativeBuild.select();
        int code = run(command, args, System.out, System.err);
        if (code != NearCli.EXIT_OK) {
            System.exit(code);
        }
    }

    /** Quiets ND4J's start-up logging (slf4j-simple, stderr) unless {@code --verbose}; -D settings win. */
    static void configureLogging(boolean verbose) {
        String key = "org.slf4j.simpleLogger.defaultLogLevel";
        if (System.getProperty(key) == null) {
            System.setProperty(key, verbose ? "info" : "warn");
        }
    }

    private static void configure(CommandLine cl, PrintStream out, PrintStream err) {
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(false);
        cl.setUnmatchedOptionsArePositionalParams(false);
        cl.setUsageHelpWidth(100);
        cl.registerConverter(Integer.class, v -> parseInt(v));
        cl.registerConverter(Integer.TYPE, v -> parseInt(v));
        cl.registerConverter(Long.class, v -> parseLong(v));
        cl.registerConverter(Long.TYPE, v -> parseLong(v));
        cl.registerConverter(BlockMode.class, v -> enumValue(BlockMode.class, v));
        cl.setParameterExceptionHandler((ex, args) -> usageError(ex.getCommandLine(), message(ex), err));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> failure(cmd, ex, parsed, err));
        cl.setExitCodeExceptionMapper(t -> NearCli.EXIT_BAD_INPUT);
    }

    private static int usageError(CommandLine cmd, String message, PrintStream err) {
        // the whole command as typed, e.g. 'near-cli score --help'
        String name = cmd.getCommandSpec().qualifiedName(" ");
        err.println("error: " + message + " (run '" + name + " --help' for usage)");
        err.flush();
        return NearCli.EXIT_USAGE;
    }

    private static int failure(CommandLine cmd, Exception ex, CommandLine.ParseResult parsed, PrintStream err) {
        boolean verbose = parsed != null && verbose(parsed);
        if (ex instanceof CliException) {
            CliException e = (CliException) ex;
            if (e.exitCode() == NearCli.EXIT_USAGE) {
                return usageError(cmd, CliException.oneLine(e), err);
            }
            err.println("error: " + CliException.oneLine(e));
            if (verbose && e.getCause() != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return e.exitCode();
        }
        err.println("error: " + CliException.oneLine(ex) + (verbose ? "" : " (use --verbose for details)"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return NearCli.EXIT_BAD_INPUT;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** picocli's messages rewritten in the words near-cli has always used. */
    static String message(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            List<String> unmatched = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched();
            String first = unmatched.isEmpty() ? "?" : unmatched.get(0);
            String hint = suggestion((CommandLine.UnmatchedArgumentException) ex);
            if (first.startsWith("-")) {
                String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
                return "unknown option '" + name + "'" + hint + " (known: " + known(cmd.getCommandSpec()) + ")";
            }
            if (!cmd.getSubcommands().isEmpty()) {
                return "unknown command '" + first + "'" + hint + " (commands: " + commands(cmd) + ")";
            }
            return "unexpected argument '" + first + "' (options start with --)";
        }
        if (ex instanceof CommandLine.OverwrittenOptionException) {
            ArgSpec spec = ((CommandLine.OverwrittenOptionException) ex).getOverwritten();
            return "option '" + label(spec) + "' given more than once";
        }
        if (ex instanceof CommandLine.MissingParameterException) {
            List<ArgSpec> missing = ((CommandLine.MissingParameterException) ex).getMissing();
            if (!missing.isEmpty() && missing.get(0).isOption()) {
                ArgSpec a = missing.get(0);
                return "option '" + label(a) + "' needs a value (" + a.paramLabel() + ")";
            }
        }
        String m = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        if (m.startsWith("Invalid value for ")) {
            m = "invalid value for " + m.substring("Invalid value for ".length());
        }
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** picocli's closest matches of a mistyped option or command: {@code ": did you mean '--model'?"}, or "". */
    private static String suggestion(CommandLine.UnmatchedArgumentException ex) {
        List<String> s = ex.getSuggestions().stream().filter(x -> !x.equals("help")).limit(3)
                .collect(Collectors.toList());
        if (s.isEmpty()) {
            return "";
        }
        return ": did you mean " + s.stream().map(x -> "'" + x + "'").collect(Collectors.joining(" or ")) + "?";
    }

    static String commands(CommandLine cmd) {
        return cmd.getSubcommands().keySet().stream().filter(n -> !n.equals("help"))
                .collect(Collectors.joining(", "));
    }

    private static String label(ArgSpec spec) {
        return spec instanceof OptionSpec ? ((OptionSpec) spec).longestName() : spec.paramLabel();
    }

    private static String known(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).map(OptionSpec::longestName)
                .collect(Collectors.joining(", "));
    }

    private static Integer parseInt(String v) {
        long l = parseLong(v);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw new CommandLine.TypeConversionException("'" + v + "' is too large for an integer");
        }
        return (int) l;
    }

    private static Long parseLong(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("needs an integer, got '" + v + "'");
        }
    }

    /**
     * An enum constant by its lower-case name.
     *
     * @param type  the enum
     * @param value what was typed
     * @param <E>   the enum type
     * @return the constant
     * @throws CommandLine.TypeConversionException listing the choices, for anything else
     */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException("must be one of " + choices(type) + ", got '" + value + "'");
    }

    /**
     * The lower-case names of an enum's constants, separated by {@code |}.
     *
     * @param type the enum
     * @return e.g. {@code first|random}
     */
    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("|"));
    }

    /**
     * A usage error ({@value NearCli#EXIT_USAGE}) unless {@code value >= min}.
     *
     * @param option the option's name, e.g. {@code --repetitions}
     * @param value  its value
     * @param min    the smallest allowed value
     * @return {@code value}
     * @throws CliException (usage) when it is smaller
     */
    public static long atLeast(String option, long value, long min) throws CliException {
        if (value < min) {
            throw CliException.usage("option '" + option + "' must be at least " + min + ", got " + value);
        }
        return value;
    }

    /**
     * The command line as typed, for a report's provenance: {@code near-cli} and the arguments, each quoted for a
     * shell where it needs quotes.
     *
     * @param spec     the running command's spec (injected by picocli), or null
     * @param fallback the arguments shown when there is no parse result (a command called directly)
     * @return e.g. {@code near-cli search --budget 10 --html 'my report.html'}
     */
    static String typed(CommandSpec spec, String fallback) {
        List<String> args = spec != null && spec.root().commandLine().getParseResult() != null
                ? spec.root().commandLine().getParseResult().originalArgs() : List.of(fallback);
        StringBuilder sb = new StringBuilder("near-cli");
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
