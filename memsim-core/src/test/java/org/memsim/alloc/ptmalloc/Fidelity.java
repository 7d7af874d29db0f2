package org.memsim.alloc.ptmalloc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.memsim.real.NativeReplayer;
import org.memsim.real.RealAllocator;
import org.memsim.real.RealAllocators;
import org.memsim.runtime.OpsLog;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.stack.StackSpec;
import org.memsim.trace.EventSource;

/**
 * Replays one trace through the {@code ptmalloc} model and through real glibc ({@code real:glibc})
 * and compares, allocation by allocation, the heap offsets both returned (mmapped blocks: both must
 * be mmapped) and the heap high-water marks.
 */
final class Fidelity {
    static final long HEAP = RealAllocator.MODEL_HEAP_START;
    static final long HEAP_SPAN = 1L << 40;

    /** One comparison's figures. */
    record Report(String trace, long allocations, long identical, long modelHighWater, long realHighWater,
                  String firstDifference, StackResult model, StackResult real) {
        double agreement() {
            return allocations == 0 ? 1 : (double) identical / allocations;
        }

        double highWaterError() {
            return realHighWater == 0 ? 0 : Math.abs(modelHighWater - realHighWater) / (double) realHighWater;
        }

        @Override
        public String toString() {
            return String.format("%s: %d allocations, %.2f%% identical offsets, high-water model %d real %d (%.3f%%),"
                    + " minor faults model %d real %d%s",
                trace, allocations, 100 * agreement(), modelHighWater, realHighWater, 100 * highWaterError(),
                model.pageFaults(), real.pageFaults(), firstDifference == null ? "" : "; first difference: " + firstDifference);
        }
    }

    private record Row(long index, String op, long id, long size, long address) {}

    private Fidelity() {}

    /** True where the comparison can run: gcc present and this machine's glibc is 2.36. */
    static String unavailable() {
        if (NativeReplayer.compiler() == null) {
            return "gcc is not installed: the native replay driver cannot be built";
        }
        String v = glibcVersion();
        if (!"2.36".equals(v)) {
            return "the model is glibc 2.36's malloc; this machine has glibc " + v;
        }
        return null;
    }

    static String glibcVersion() {
        try {
            Process p = new ProcessBuilder("ldd", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+\\.\\d+)\\s*$", java.util.regex.Pattern.MULTILINE)
                .matcher(out.lines().findFirst().orElse(""));
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static Report compare(String name, EventSource source, boolean check) throws IOException {
        List<Row> model = new ArrayList<>();
        List<Row> real = new ArrayList<>();
        Stack stack = Stack.build(StackSpec.defaults().withAllocator("ptmalloc"));
        stack.runtime().setOpsLog((i, op, id, size, a, s) -> model.add(new Row(i, op, id, size, a)));
        stack.runtime().setCheck(check);
        RealAllocator glibc = RealAllocators.create("real:glibc", (i, op, id, size, a, s) -> real.add(new Row(i, op, id, size, a)));
        List<StackResult> results = Replay.run(source, List.of(stack, glibc));
        if (model.size() != real.size()) {
            throw new AssertionError(name + ": model logged " + model.size() + " ops, real " + real.size());
        }
        long allocations = 0;
        long identical = 0;
        String first = null;
        for (int k = 0; k < model.size(); k++) {
            Row mr = model.get(k);
            Row rr = real.get(k);
            if (mr.op().equals(OpsLog.FREE) || (mr.op().equals(OpsLog.REALLOC) && mr.size() == 0)) {
                continue;
            }
            allocations++;
            boolean same = classify(mr.address()) == classify(rr.address())
                && (classify(mr.address()) != 1 || mr.address() == rr.address());
            if (same) {
                identical++;
            } else if (first == null) {
                first = "event " + mr.index() + " " + mr.op() + " id " + mr.id() + " size " + mr.size() + ": model "
                    + describe(mr.address()) + ", real " + describe(rr.address());
            }
        }
        return new Report(name, allocations, identical, results.get(0).heapHighWaterBytes(), results.get(1).heapHighWaterBytes(),
            first, results.get(0), results.get(1));
    }

    /** 0 = NULL, 1 = in the brk heap, 2 = elsewhere (mmapped). */
    private static int classify(long address) {
        if (address == 0) {
            return 0;
        }
        return address >= HEAP && address < HEAP + HEAP_SPAN ? 1 : 2;
    }

    private static String describe(long address) {
        return switch (classify(address)) {
            case 0 -> "NULL";
            case 1 -> "heap+0x" + Long.toHexString(address - HEAP);
            default -> "mmapped";
        };
    }
}
