package org.neardl4j.cli;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options a command accepts, and a small parser for them: {@code --name value} or {@code --name=value}
 * for options with a value, {@code --name} for flags. Anything else is a usage error ({@link CliException#usage})
 * naming the offending argument. Immutable.
 *
 * <pre>{@code
 * Options spec = Options.builder()
 *         .value("seed", "S", "seed for the block choice")
 *         .repeatable("input", "FILE.npy", "input array")
 *         .flag("json", "print JSON")
 *         .build();
 * Options.Parsed p = spec.parse(new String[] {"--input", "x.npy", "--seed=7", "--json"});
 * long seed = p.longValue("seed", 12345L);
 * }</pre>
 */
public final class Options {

    /** How an option takes values. */
    private enum Arity { FLAG, ONE, MANY }

    private static final class Spec {
        final String name;
        final Arity arity;
        final String metavar;
        final String help;

        Spec(String name, Arity arity, String metavar, String help) {
            this.name = name;
            this.arity = arity;
            this.metavar = metavar;
            this.help = help;
        }
    }

    private final ImmutableMap<String, Spec> specs;

    private Options(Map<String, Spec> specs) {
        this.specs = ImmutableMap.copyOf(specs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The option names, in declaration order. */
    public ImmutableSet<String> names() {
        return specs.keySet();
    }

    /** One line per option: {@code --name VALUE   help}, aligned. */
    public String describe() {
        List<String> heads = new ArrayList<>();
        int width = 0;
        for (Spec s : specs.values()) {
            String head = "--" + s.name + (s.arity == Arity.FLAG ? "" : " " + s.metavar);
            heads.add(head);
            width = Math.max(width, head.length());
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Spec s : specs.values()) {
            String head = heads.get(i++);
            sb.append("  ").append(head).append(" ".repeat(width - head.length() + 3)).append(s.help);
            if (s.arity == Arity.MANY) {
                sb.append(" (repeatable)");
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /**
     * Parses {@code args} against these options.
     *
     * @throws CliException (usage) for an unknown option, a missing value, a repeated single-valued option or a
     *                      positional argument
     */
    public Parsed parse(String[] args) throws CliException {
        Preconditions.checkNotNull(args, "args");
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw CliException.usage("unexpected argument '" + a + "' (options start with --)");
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Spec s = specs.get(name);
            if (s == null) {
                throw CliException.usage("unknown option '--" + name + "' (known: " + knownNames() + ")");
            }
            String value;
            if (s.arity == Arity.FLAG) {
                if (inline != null) {
                    throw CliException.usage("option '--" + name + "' takes no value");
                }
                value = "true";
            } else if (inline != null) {
                value = inline;
            } else {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw CliException.usage("option '--" + name + "' needs a value (" + s.metavar + ")");
                }
                value = args[++i];
            }
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (s.arity != Arity.MANY && !list.isEmpty()) {
                throw CliException.usage("option '--" + name + "' given more than once");
            }
            list.add(value);
        }
        ImmutableMap.Builder<String, ImmutableList<String>> b = ImmutableMap.builder();
        values.forEach((k, v) -> b.put(k, ImmutableList.copyOf(v)));
        return new Parsed(b.build());
    }

    private String knownNames() {
        StringBuilder sb = new StringBuilder();
        for (String n : specs.keySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append("--").append(n);
        }
        return sb.toString();
    }

    /** The options of one command line. Immutable. */
    public static final class Parsed {
        private final ImmutableMap<String, ImmutableList<String>> values;

        private Parsed(ImmutableMap<String, ImmutableList<String>> values) {
            this.values = values;
        }

        /** Whether the option (or flag) was given. */
        public boolean has(String name) {
            return values.containsKey(name);
        }

        /** The value of a single-valued option, if given. */
        public Optional<String> value(String name) {
            ImmutableList<String> v = values.get(name);
            return v == null ? Optional.empty() : Optional.of(v.get(0));
        }

        /** All values of a repeatable option, in order (empty if not given). */
        public ImmutableList<String> values(String name) {
            ImmutableList<String> v = values.get(name);
            return v == null ? ImmutableList.of() : v;
        }

        /** An integer option in {@code [min, Integer.MAX_VALUE]}, or {@code dflt} when not given. */
        public int intValue(String name, int dflt, int min) throws CliException {
            long v = longValue(name, dflt, min);
            if (v > Integer.MAX_VALUE) {
                throw CliException.usage("option '--" + name + "' is too large: " + v);
            }
            return (int) v;
        }

        /** A long option that must be at least {@code min}, or {@code dflt} when not given. */
        public long longValue(String name, long dflt, long min) throws CliException {
            Optional<String> s = value(name);
            if (s.isEmpty()) {
                return dflt;
            }
            long v;
            try {
                v = Long.parseLong(s.get().trim());
            } catch (NumberFormatException e) {
                throw CliException.usage("option '--" + name + "' needs an integer, got '" + s.get() + "'");
            }
            if (v < min) {
                throw CliException.usage("option '--" + name + "' must be at least " + min + ", got " + v);
            }
            return v;
        }

        /** A long option without bounds, or {@code dflt} when not given. */
        public long longValue(String name, long dflt) throws CliException {
            return longValue(name, dflt, Long.MIN_VALUE);
        }

        /** An enum option given by its lower-case name, or {@code dflt} when not given. */
        public <E extends Enum<E>> E enumValue(String name, Class<E> type, E dflt) throws CliException {
            Optional<String> s = value(name);
            if (s.isEmpty()) {
                return dflt;
            }
            StringBuilder choices = new StringBuilder();
            for (E e : type.getEnumConstants()) {
                String label = e.name().toLowerCase(Locale.ROOT);
                if (label.equals(s.get().trim().toLowerCase(Locale.ROOT))) {
                    return e;
                }
                choices.append(choices.length() == 0 ? "" : "|").append(label);
            }
            throw CliException.usage("option '--" + name + "' must be one of " + choices + ", got '" + s.get() + "'");
        }
    }

    /** Declares the options of a command, in the order they are listed in the help. */
    public static final class Builder {
        private final Map<String, Spec> specs = new LinkedHashMap<>();

        private Builder() {
        }

        /** An option without value. */
        public Builder flag(String name, String help) {
            return add(new Spec(name, Arity.FLAG, null, help));
        }

        /** An option with one value, given at most once. */
        public Builder value(String name, String metavar, String help) {
            return add(new Spec(name, Arity.ONE, metavar, help));
        }

        /** An option with one value that may be given several times. */
        public Builder repeatable(String name, String metavar, String help) {
            return add(new Spec(name, Arity.MANY, metavar, help));
        }

        private Builder add(Spec s) {
            Preconditions.checkArgument(s.name.matches("[a-z][a-z0-9-]*"), "option name: %s", s.name);
            Preconditions.checkArgument(!specs.containsKey(s.name), "option declared twice: %s", s.name);
            specs.put(s.name, s);
            return this;
        }

        public Options build() {
            return new Options(specs);
        }
    }
}
