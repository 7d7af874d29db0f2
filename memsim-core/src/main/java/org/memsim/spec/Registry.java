package org.memsim.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The components of one kind (allocators, generators, replacement policies, …) by name. Creating
 * one from a {@link Spec} checks the name and keys and reports, on a mistake, what is valid.
 *
 * @param <T> what the components are
 * @param <C> what a component needs from its surroundings to be built (the layer beneath, a seed…)
 */
public final class Registry<T, C> {

    /** Builds a component from checked params and its context. */
    @FunctionalInterface
    public interface Factory<T, C> {
        T create(Params params, C context);
    }

    /** One registered component: its name, one-line description, keys and factory. */
    public record Entry<T, C>(String name, String description, List<Param> params, Factory<T, C> factory) {}

    private final String kind;
    private final Map<String, Entry<T, C>> entries = new LinkedHashMap<>();

    /** @param kind what the components are called in messages, for example {@code allocator} */
    public Registry(String kind) {
        this.kind = kind;
    }

    public Registry<T, C> register(String name, String description, List<Param> params, Factory<T, C> factory) {
        if (entries.put(name, new Entry<>(name, description, List.copyOf(params), factory)) != null) {
            throw new IllegalStateException(kind + " " + name + " registered twice");
        }
        return this;
    }

    public String kind() {
        return kind;
    }

    public List<Entry<T, C>> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    /** The entry for a spec's name; an unknown name is an error that lists the known ones. */
    public Entry<T, C> entry(String name) {
        Entry<T, C> e = entries.get(name);
        if (e == null) {
            throw new SpecException("unknown " + kind + " '" + name + "'; valid: " + String.join(", ", entries.keySet()));
        }
        return e;
    }

    /** Checks a spec's name and keys and returns its params. */
    public Params params(Spec spec) {
        Entry<T, C> e = entry(spec.name());
        checkKeys(spec, e.params(), kind);
        Params p = new Params(spec.name(), spec.settings(), e.params());
        for (Param declared : e.params()) {
            p.string(declared.key()); // validates choices eagerly
        }
        return p;
    }

    /** Builds the component a spec names. */
    public T create(Spec spec, C context) {
        Params p = params(spec);
        return entry(spec.name()).factory().create(p, context);
    }

    /** Builds the component a spec string names. */
    public T create(String spec, C context) {
        return create(Spec.parse(spec), context);
    }

    static void checkKeys(Spec spec, List<Param> declared, String kind) {
        for (String key : spec.settings().keySet()) {
            if (declared.stream().noneMatch(p -> p.key().equals(key))) {
                String valid = declared.isEmpty() ? "it takes no keys"
                    : "valid: " + declared.stream().map(Param::describe).collect(Collectors.joining(", "));
                throw new SpecException("unknown key '" + key + "' for " + kind + " '" + spec.name() + "'; " + valid);
            }
        }
    }

    /** A listing of every component with its keys and defaults. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Entry<T, C> e : entries.values()) {
            sb.append(String.format("  %-14s %s%n", e.name(), e.description()));
            for (Param p : e.params()) {
                sb.append(String.format("      %-28s %s%n", p.describe(), p.help()));
            }
        }
        return sb.toString();
    }
}
