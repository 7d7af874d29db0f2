package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * The seed's opening thought experiment: the same program started in {@code processes} terminals,
 * each writing its variable at the same virtual {@code address} (a stack slot, like
 * {@code 0x7ffcd3a0b2f0}), then each reading it back after the others ran.
 */
public final class Isolation implements Generator {
    private final int processes;
    private final long address;

    public Isolation(Params p) {
        processes = (int) p.number("processes", 1, 1000);
        address = p.number("address");
        if (address <= 0) {
            throw new SpecException("isolation: address must be positive");
        }
    }

    @Override
    public void generate(EventSink sink) {
        for (int pid = 1; pid <= processes; pid++) {
            sink.processStart(pid);
            sink.store(address, 8);
        }
        for (int pid = 1; pid <= processes; pid++) {
            sink.contextSwitch(pid, pid);
            sink.load(address, 8);
        }
    }

    @Override
    public long expectedEvents() {
        return 4L * processes;
    }
}
