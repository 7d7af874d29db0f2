package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Params;

/**
 * A long-lived cache with churn: a rooted table of {@code entries} slots is filled once, then each
 * operation allocates {@code temps} short-lived objects and, with probability {@code churn},
 * replaces a random entry with a new one (the old entry becomes garbage in the old generation).
 * The live set stays constant; old objects die at a steady rate. Object 0 is the table.
 */
public final class CacheChurn implements Generator {
    private final int entries;
    private final long ops;
    private final long size;
    private final double churn;
    private final int temps;
    private final long seed;

    public CacheChurn(Params p, long seed) {
        entries = (int) p.number("entries", 1, 1 << 24);
        ops = p.number("ops", 0, 1L << 36);
        size = p.number("size", 0, 1L << 30);
        churn = p.real("churn");
        temps = (int) p.number("temps", 0, 1 << 16);
        if (churn < 0 || churn > 1) {
            throw new org.memsim.spec.SpecException("cache: churn must be from 0 to 1");
        }
        this.seed = seed;
    }

    @Override
    public void generate(EventSink sink) {
        SeededRandom random = new SeededRandom(seed);
        sink.defineType(1, "Cache");
        sink.defineType(2, "Entry");
        sink.defineType(3, "Temp");
        sink.newObject(0, 16 + 8L * entries, entries, 1, EventSink.NONE);
        sink.rootAdd(0);
        long id = 1;
        for (int e = 0; e < entries; e++) {
            sink.newObject(id, size, 0, 2, EventSink.NONE);
            sink.refWrite(0, e, id++);
        }
        for (long k = 0; k < ops; k++) {
            for (int t = 0; t < temps; t++) {
                sink.newObject(id++, 32, 0, 3, EventSink.NONE);
            }
            if (random.nextDouble() < churn) {
                sink.newObject(id, size, 0, 2, EventSink.NONE);
                sink.refWrite(0, random.nextInt(entries), id++);
            }
            if ((k & 63) == 63) {
                sink.safepoint();
            }
        }
    }

    @Override
    public long expectedEvents() {
        return 2 + 2L * entries + (long) (ops * (temps + 2 * churn + 1.0 / 64));
    }
}
