package org.memsim.trace.gen;

import org.memsim.collections.LongArrayList;
import org.memsim.event.EventSink;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * A long-running server's allocation stream: blocks of random sizes (uniform, or lognormal as
 * measured allocation sizes tend to be) allocated and freed at random around a target number of
 * live blocks. Each step allocates while fewer than {@code live} blocks are live, otherwise frees
 * a uniformly chosen live block with probability 1/2.
 */
public final class SizeMix implements Generator {
    private final long ops;
    private final boolean lognormal;
    private final long min;
    private final long max;
    private final double median;
    private final double sigma;
    private final int live;
    private final boolean touch;
    private final boolean freeAll;
    private final long seed;

    public SizeMix(Params p, long seed) {
        ops = p.number("ops", 0, 1L << 40);
        lognormal = p.string("dist").equals("lognormal");
        min = p.bytes("min");
        max = p.bytes("max");
        median = p.bytes("median");
        sigma = p.real("sigma");
        live = (int) p.number("live", 1, 1 << 26);
        touch = p.bool("touch");
        freeAll = p.bool("freeAll");
        this.seed = seed;
        if (min > max || min < 0) {
            throw new SpecException("sizes: need 0 <= min <= max (min=" + min + ", max=" + max + ")");
        }
        if (sigma < 0) {
            throw new SpecException("sizes: sigma must be >= 0");
        }
    }

    private long size(SeededRandom r) {
        if (!lognormal) {
            return r.nextLong(min, max + 1);
        }
        double s = Math.rint(r.nextLognormal(median, sigma));
        return Math.max(min, Math.min(max, (long) s));
    }

    @Override
    public void generate(EventSink sink) {
        SeededRandom r = new SeededRandom(seed);
        LongArrayList liveIds = new LongArrayList(Math.min(live, 1 << 16));
        long next = 0;
        for (long i = 0; i < ops; i++) {
            if (liveIds.size() < live && (liveIds.isEmpty() || r.nextDouble() < 0.5 || liveIds.size() < live / 2)) {
                long s = size(r);
                sink.alloc(next, s, 0, EventSink.NO_ADDRESS, EventSink.NONE);
                if (touch && s > 0) {
                    sink.blockStore(next, 0, s);
                }
                liveIds.add(next++);
            } else {
                int k = r.nextInt(liveIds.size());
                long id = liveIds.get(k);
                liveIds.set(k, liveIds.last());
                liveIds.removeLast();
                sink.free(id, EventSink.NONE);
            }
        }
        if (freeAll) {
            for (int k = 0; k < liveIds.size(); k++) {
                sink.free(liveIds.get(k), EventSink.NONE);
            }
        }
    }

    @Override
    public long expectedEvents() {
        return ops * (touch ? 2 : 1) + (freeAll ? live : 0);
    }
}
