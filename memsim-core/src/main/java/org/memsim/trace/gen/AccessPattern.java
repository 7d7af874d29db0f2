package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * Classic memory-access patterns over one anonymous mapping, for paging and TLB experiments:
 * {@code stride} (sequential with a fixed step, wrapping), {@code random} (uniform over the span)
 * and {@code working-set} (uniform inside a window of {@code wss} bytes that jumps to a new random
 * place every {@code phase} accesses — Denning's working-set model).
 */
public final class AccessPattern implements Generator {
    private final String pattern;
    private final long base;
    private final long span;
    private final long count;
    private final long stride;
    private final int size;
    private final double writes;
    private final long wss;
    private final long phase;
    private final long seed;

    public AccessPattern(Params p, long seed) {
        pattern = p.string("pattern");
        base = p.number("base");
        span = p.bytes("span");
        count = p.number("count", 0, 1L << 40);
        stride = p.bytes("stride");
        size = (int) p.number("size", 1, 4096);
        writes = p.real("writes");
        wss = p.bytes("wss");
        phase = p.number("phase", 1, Long.MAX_VALUE);
        this.seed = seed;
        if (span < size || span > (1L << 46)) {
            throw new SpecException("access: span must be from size to 64 TiB");
        }
        if (base <= 0 || base % 4096 != 0) {
            throw new SpecException("access: base must be a positive multiple of 4096");
        }
        if (writes < 0 || writes > 1) {
            throw new SpecException("access: writes is a fraction from 0 to 1");
        }
        if (wss < size || wss > span) {
            throw new SpecException("access: wss must be from size to span");
        }
    }

    @Override
    public void generate(EventSink sink) {
        SeededRandom r = new SeededRandom(seed);
        sink.mmap(base, span, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, EventSink.NONE, 0);
        long limit = span - size;
        long offset = 0;
        long window = 0;
        for (long i = 0; i < count; i++) {
            long at;
            switch (pattern) {
                case "stride":
                    at = offset;
                    offset += stride;
                    if (offset > limit) {
                        offset = offset % (limit + 1);
                    }
                    break;
                case "random":
                    at = r.nextLong(0, limit + 1) & -size;
                    break;
                default: // working-set
                    if (i % phase == 0) {
                        window = r.nextLong(0, span - wss + 1) & -4096L;
                    }
                    at = window + (r.nextLong(0, wss - size + 1) & -size);
                    break;
            }
            if (writes > 0 && r.nextDouble() < writes) {
                sink.store(base + at, size);
            } else {
                sink.load(base + at, size);
            }
        }
    }

    @Override
    public long expectedEvents() {
        return count + 1;
    }
}
