package org.memsim.kernel;

import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.layer.LayerLog;
import org.memsim.spec.Spec;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;

/** Multi-process stacks for kernel tests, fed event by event. */
final class VmTesting {
    static final int PAGE = 4096;
    static final int ANON = MapFlags.PRIVATE | MapFlags.ANONYMOUS;

    private VmTesting() {}

    static Stack stack(String vm, String kernel, String tlb, String policy) {
        StackSpec spec = new StackSpec(Spec.parse("freelist"), Spec.parse(kernel), Spec.parse(vm), Spec.parse("cost"),
            Spec.parse(tlb), Spec.parse(policy));
        return Stack.build(spec, LayerLog.OFF, Stack.Mode.PROCESSES);
    }

    static Stack stack(String vm, String kernel) {
        return stack(vm, kernel, "auto", "clock");
    }

    static long counter(Stack s, String name) {
        org.memsim.metrics.Counter c = s.metrics().counterNamed(name);
        if (c != null) {
            return c.get();
        }
        return s.metrics().gaugeNamed(name).read();
    }

    /** Maps {@code pages} anonymous private pages at {@code at} (a hint the kernel honours when free). */
    static void mapAnon(EventSink in, long at, long pages) {
        in.mmap(at, pages * PAGE, Prot.RW, ANON, EventSink.NONE, 0);
    }

    static void storeEach(EventSink in, long at, long pages) {
        for (long i = 0; i < pages; i++) {
            in.store(at + i * PAGE, 8);
        }
    }

    static void loadEach(EventSink in, long at, long pages) {
        for (long i = 0; i < pages; i++) {
            in.load(at + i * PAGE, 8);
        }
    }

    static long frame(Stack s, int pid, long address) {
        long pa = s.kernel().translate(pid, address);
        return pa < 0 ? -1 : pa / PAGE;
    }
}
