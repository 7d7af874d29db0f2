package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * Time sharing: {@code processes} processes, each sweeping its own {@code wss}-byte working set
 * (mapped at the same address in every one), run in turn for {@code quantum} accesses each,
 * {@code switches} times — the workload that shows what a context switch does to the TLB.
 */
public final class Switches implements Generator {
    private static final long BASE = 0x7f0000000000L;
    private final int processes;
    private final long wss;
    private final long quantum;
    private final long switches;
    private final long stride;

    public Switches(Params p) {
        processes = (int) p.number("processes", 1, 4096);
        wss = p.bytes("wss");
        quantum = p.number("quantum", 1, 1L << 30);
        switches = p.number("switches", 0, 1L << 30);
        stride = p.bytes("stride");
        if (wss < stride || stride <= 0 || wss > (1L << 40)) {
            throw new SpecException("switches: needs 0 < stride <= wss <= 1 TiB");
        }
    }

    @Override
    public void generate(EventSink sink) {
        for (int pid = 1; pid <= processes; pid++) {
            sink.processStart(pid);
            sink.mmap(BASE, wss, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, EventSink.NONE, 0);
        }
        long[] offset = new long[processes + 1];
        for (long s = 0; s < switches; s++) {
            int pid = 1 + (int) (s % processes);
            sink.contextSwitch(pid, pid);
            long off = offset[pid];
            for (long i = 0; i < quantum; i++) {
                sink.store(BASE + off, 8);
                off += stride;
                if (off >= wss) {
                    off = 0;
                }
            }
            offset[pid] = off;
        }
    }

    @Override
    public long expectedEvents() {
        return 2L * processes + switches * (quantum + 1);
    }
}
