package org.memsim.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component chosen by name with optional settings: {@code name[:key=value[,key=value]…]}, for
 * example {@code freelist:fit=first,coalesce=true}. The same syntax serves the command line,
 * scenario files and code; {@link Registry} checks names and keys against what exists.
 */
public final class Spec {
    private final String name;
    private final Map<String, String> settings;

    private Spec(String name, Map<String, String> settings) {
        this.name = name;
        this.settings = Collections.unmodifiableMap(settings);
    }

    /** A spec with no settings. */
    public static Spec of(String name) {
        return new Spec(checkName(name, name), new LinkedHashMap<>());
    }

    /** Parses {@code name[:key=value[,key=value]…]}; a key given twice is an error. */
    public static Spec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SpecException("empty spec: expected name[:key=value[,key=value]...]");
        }
        String t = text.strip();
        int colon = t.indexOf(':');
        String name = checkName(colon < 0 ? t : t.substring(0, colon), t);
        Map<String, String> settings = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = t.substring(colon + 1);
            if (rest.isEmpty()) {
                throw new SpecException("spec '" + t + "': nothing after ':' (expected key=value[,key=value]...)");
            }
            for (String pair : rest.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new SpecException("spec '" + t + "': '" + pair + "' is not key=value");
                }
                String key = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.isEmpty()) {
                    throw new SpecException("spec '" + t + "': key '" + key + "' has no value");
                }
                if (settings.put(key, value) != null) {
                    throw new SpecException("spec '" + t + "': key '" + key + "' given twice");
                }
            }
        }
        return new Spec(name, settings);
    }

    private static String checkName(String name, String whole) {
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
            throw new SpecException("spec '" + whole + "': '" + name + "' is not a component name (letters, digits, '-', '_', '.')");
        }
        return name;
    }

    public String name() {
        return name;
    }

    /** Settings in the order written. */
    public Map<String, String> settings() {
        return settings;
    }

    /** A copy with one more setting (replacing an earlier value of the key). */
    public Spec with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(settings);
        m.put(key, value);
        return new Spec(name, m);
    }

    /** The canonical text, {@code name:k=v,k=v}. */
    @Override
    public String toString() {
        if (settings.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append(':');
        String sep = "";
        for (Map.Entry<String, String> e : settings.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spec && ((Spec) o).name.equals(name) && ((Spec) o).settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + settings.hashCode();
    }
}
