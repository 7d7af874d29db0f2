package org.memsim.spec;

import java.util.List;
import java.util.Map;

/**
 * The settings of one spec after checking against a component's {@link Param}s, with typed getters
 * that fall back to the defaults and reject malformed values with a message naming the key.
 */
public final class Params {
    private final String component;
    private final Map<String, String> given;
    private final List<Param> declared;

    Params(String component, Map<String, String> given, List<Param> declared) {
        this.component = component;
        this.given = given;
        this.declared = declared;
    }

    /** Params from a spec for tests and code that build components directly. */
    public static Params of(Spec spec, List<Param> declared) {
        Registry.checkKeys(spec, declared, "component");
        return new Params(spec.name(), spec.settings(), declared);
    }

    private Param param(String key) {
        for (Param p : declared) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException(component + " reads undeclared key " + key);
    }

    /** The raw value given or its default. */
    public String string(String key) {
        Param p = param(key);
        String v = given.get(key);
        if (v == null) {
            return p.defaultValue();
        }
        if (!p.choices().isEmpty() && !p.choices().contains(v)) {
            throw new SpecException(component + ": " + key + "=" + v + " is not one of " + String.join(", ", p.choices()));
        }
        return v;
    }

    /** Whether the user gave this key explicitly. */
    public boolean isSet(String key) {
        param(key);
        return given.containsKey(key);
    }

    /** A whole number, decimal or {@code 0x} hex. */
    public long number(String key) {
        String v = string(key);
        try {
            return Values.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "a whole number (decimal or 0x hex)");
        }
    }

    /** A whole number at least {@code min} and at most {@code max}. */
    public long number(String key, long min, long max) {
        long n = number(key);
        if (n < min || n > max) {
            throw bad(key, string(key), "a number from " + min + " to " + max);
        }
        return n;
    }

    /** A byte count: {@code 4096}, {@code 0x1000}, {@code 4k}, {@code 4KiB}, {@code 2M}, {@code 1g}. */
    public long bytes(String key) {
        String v = string(key);
        try {
            return Values.parseBytes(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "a byte count such as 4096, 0x1000, 64k, 2MiB or 1g");
        }
    }

    /** A floating-point number. */
    public double real(String key) {
        String v = string(key);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number such as 1.5");
        }
    }

    /** {@code true|false} (also yes/no, on/off, 1/0). */
    public boolean bool(String key) {
        String v = string(key);
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": case "on": case "1": return true;
            case "false": case "no": case "off": case "0": return false;
            default: throw bad(key, v, "true or false");
        }
    }

    private SpecException bad(String key, String value, String expected) {
        return new SpecException(component + ": " + key + "=" + value + " is not " + expected);
    }

    public String component() {
        return component;
    }
}
