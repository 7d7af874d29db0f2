package org.memsim.alloc.csapp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.memsim.event.EventSink;
import org.memsim.runtime.OpsLog;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.trace.EventSource;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.Traces;

/** Replays a malloc-lab trace from the test resources through a stack, keeping every returned address. */
final class RepReplay {
    /** One allocation-family op as the ops log saw it. */
    record Op(String op, long id, long address, long searched) {}

    final Stack stack;
    final StackResult result;
    final List<Op> ops;

    private RepReplay(Stack stack, StackResult result, List<Op> ops) {
        this.stack = stack;
        this.result = result;
        this.ops = ops;
    }

    static byte[] resource(String name) {
        try (InputStream in = RepReplay.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RepReplay run(String spec, String resource) throws IOException {
        byte[] bytes = resource(resource);
        Stack stack = AllocatorChecks.stack(spec);
        stack.runtime().setCheck(true);
        List<Op> ops = new ArrayList<>();
        stack.runtime().setOpsLog((index, op, id, size, address, searched) -> ops.add(new Op(op, id, address, searched)));
        EventSource source = new EventSource() {
            OpenTrace t;

            @Override
            public long replay(EventSink sink) throws IOException {
                t = Traces.open(new ByteArrayInputStream(bytes), resource, bytes.length, "rep");
                return t.reader().replay(sink);
            }

            @Override
            public String name() {
                return resource;
            }

            @Override
            public String position(long i) {
                return t.reader().position();
            }

            @Override
            public double progress() {
                return -1;
            }
        };
        StackResult r = Replay.run(source, List.of(stack)).get(0);
        return new RepReplay(stack, r, ops);
    }

    /** The ops log in the reference program's format: "a id offset", "r id offset", "f id". */
    List<String> lines(long heapStart) {
        List<String> out = new ArrayList<>();
        for (Op o : ops) {
            if (o.op().equals(OpsLog.FREE)) {
                out.add("f " + o.id());
            } else {
                out.add((o.op().equals(OpsLog.REALLOC) ? "r " : "a ") + o.id() + " " + (o.address() == 0 ? -1 : o.address() - heapStart));
            }
        }
        return out;
    }
}
