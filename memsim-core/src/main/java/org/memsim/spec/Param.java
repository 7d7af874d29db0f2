package org.memsim.spec;

import java.util.List;

/**
 * One key a component accepts: its default (shown by {@code --help} and {@code memsim list}), a
 * one-line meaning, and for enumerations the allowed values.
 */
public record Param(String key, String defaultValue, String help, List<String> choices) {

    /** A key with a free-form value (number, size, boolean, text). */
    public static Param of(String key, String defaultValue, String help) {
        return new Param(key, defaultValue, help, List.of());
    }

    /** A key whose value must be one of {@code choices}. */
    public static Param choice(String key, String defaultValue, String help, String... choices) {
        return new Param(key, defaultValue, help, List.of(choices));
    }

    /** {@code key=default} followed by the choices, for listings. */
    public String describe() {
        String d = key + "=" + defaultValue;
        return choices.isEmpty() ? d : d + " (" + String.join("|", choices) + ")";
    }
}
