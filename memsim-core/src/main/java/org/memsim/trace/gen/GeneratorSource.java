package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Spec;
import org.memsim.trace.EventSource;

/**
 * An {@link EventSource} over a generator named by a spec, written {@code gen:NAME[:k=v,…]}
 * wherever a trace file is expected.
 */
public final class GeneratorSource implements EventSource {
    /** Prefix that marks a generator where a trace path is expected. */
    public static final String PREFIX = "gen:";

    private final Spec spec;
    private final long seed;
    private final Generator generator;
    private volatile long done = -1;

    public GeneratorSource(Spec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        this.generator = Generators.REGISTRY.create(spec, seed);
    }

    /** Whether {@code text} names a generator rather than a file. */
    public static boolean isGenerator(String text) {
        return text.startsWith(PREFIX);
    }

    /** Parses {@code gen:NAME[:k=v,…]}. */
    public static GeneratorSource parse(String text, long seed) {
        return new GeneratorSource(Spec.parse(text.substring(PREFIX.length())), seed);
    }

    public Generator generator() {
        return generator;
    }

    @Override
    public long replay(EventSink sink) {
        done = 0;
        generator.generate(sink);
        done = generator.expectedEvents();
        return generator.expectedEvents();
    }

    @Override
    public String name() {
        return PREFIX + spec + (seed != 0 ? " (seed " + seed + ")" : "");
    }

    @Override
    public String position(long eventIndex) {
        return "event " + eventIndex;
    }

    @Override
    public double progress() {
        return -1;
    }
}
