package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * The heap and the stack growing toward each other: each step moves the program break up by
 * {@code heapStep} (and writes the new heap page) and pushes a {@code frame}-byte call frame (a
 * write at the new stack pointer), like a recursion that allocates at every level — until one runs
 * into the other's guard gap.
 */
public final class StackHeap implements Generator {
    private final long heap;
    private final long stackTop;
    private final long heapStep;
    private final long frame;
    private final long steps;

    public StackHeap(Params p) {
        heap = p.number("heap");
        stackTop = p.number("stack");
        heapStep = p.bytes("heapStep");
        frame = p.bytes("frame");
        steps = p.number("steps", 1, 1L << 30);
        if (heap <= 0 || stackTop <= heap || heapStep <= 0 || frame <= 0) {
            throw new SpecException("stack-heap: needs 0 < heap < stack and positive heapStep and frame");
        }
    }

    @Override
    public void generate(EventSink sink) {
        long brk = heap;
        long sp = stackTop;
        for (long i = 0; i < steps; i++) {
            brk += heapStep;
            sink.brk(brk);
            sink.store(brk - 8, 8);
            sp -= frame;
            sink.store(sp, 8);
        }
    }

    @Override
    public long expectedEvents() {
        return 3 * steps;
    }
}
