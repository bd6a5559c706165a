package org.neardl4j.samples.benchmark;

import com.google.common.base.Preconditions;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --key value} command-line options of the benchmark programs. */
final class Options {

    private Options() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            Preconditions.checkArgument(args[i].startsWith("--"), "expected an option --name, got '%s'", args[i]);
            String key = args[i].substring(2);
            Preconditions.checkArgument(i + 1 < args.length, "option --%s needs a value", key);
            m.put(key, args[++i]);
        }
        return m;
    }

    static int intOpt(Map<String, String> m, String key, int def) {
        try {
            return m.containsKey(key) ? Integer.parseInt(m.get(key)) : def;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + key + " must be an integer, got '" + m.get(key) + "'", e);
        }
    }

    static long longOpt(Map<String, String> m, String key, long def) {
        try {
            return m.containsKey(key) ? Long.parseLong(m.get(key)) : def;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + key + " must be an integer, got '" + m.get(key) + "'", e);
        }
    }
}
