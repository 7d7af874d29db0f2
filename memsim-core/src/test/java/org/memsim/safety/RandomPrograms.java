package org.memsim.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.memsim.alloc.Allocator;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;

/**
 * Seeded random C-like programs as .mst text: malloc/calloc/realloc, writes before reads, frees,
 * everything freed at the end — optionally with one injected bug, whose event index is kept.
 * {@code recorded} programs carry the addresses a ptmalloc model returned (as a capture would) and
 * access memory by address; the others use block-relative accesses and let the checker place blocks.
 */
final class RandomPrograms {
    /** The bugs a program can carry. */
    enum Bug { NONE, USE_AFTER_FREE, DOUBLE_FREE, INVALID_FREE, OVERFLOW, UNDERFLOW, UNINITIALIZED, LEAK }

    final StringBuilder text = new StringBuilder();
    long bugEvent = -1;
    private long events;
    private final boolean recorded;
    private final SplittableRandom random;
    private final Allocator real;
    private final List<long[]> live = new ArrayList<>(); // id, size, address
    private long nextId;

    private RandomPrograms(long seed, boolean recorded) {
        this.recorded = recorded;
        this.random = new SplittableRandom(seed);
        this.real = recorded ? Stack.build(StackSpec.defaults().withAllocator("ptmalloc")).allocator() : null;
    }

    static RandomPrograms generate(long seed, boolean recorded, Bug bug, int ops) {
        RandomPrograms p = new RandomPrograms(seed, recorded);
        int bugAt = bug == Bug.NONE ? -1 : p.random.nextInt(ops / 4, ops);
        for (int i = 0; i < ops; i++) {
            if (i == bugAt) {
                p.inject(bug);
            }
            p.step();
        }
        while (!p.live.isEmpty()) {
            p.free(p.live.size() - 1);
        }
        return p;
    }

    private void line(String s) {
        text.append(s).append('\n');
        events++;
    }

    private void step() {
        int r = random.nextInt(10);
        if (live.isEmpty() || r < 3) {
            allocate();
        } else if (r < 5) {
            free(random.nextInt(live.size()));
        } else if (r < 6) {
            reallocate(random.nextInt(live.size()));
        } else {
            long[] b = live.get(random.nextInt(live.size()));
            if (b[1] == 0) {
                return;
            }
            long off = random.nextLong(b[1]);
            long len = 1 + random.nextLong(Math.min(8, b[1] - off));
            boolean write = random.nextBoolean();
            access(b, off, len, write);
        }
    }

    private void access(long[] b, long off, long len, boolean write) {
        if (recorded) {
            line((write ? "store 0x" : "load 0x") + Long.toHexString(b[2] + off) + " " + len);
        } else {
            line((write ? "bstore " : "bload ") + b[0] + " " + off + " " + len);
        }
    }

    private long[] allocate() {
        long size = random.nextInt(4) == 0 ? random.nextLong(2000) : random.nextLong(1, 120);
        long id = nextId++;
        boolean zeroed = random.nextInt(5) == 0;
        long address = recorded ? (zeroed ? real.calloc(1, size) : real.malloc(size, 0)) : 0;
        String addr = recorded ? " addr=0x" + Long.toHexString(address) : "";
        line(zeroed ? "calloc " + id + " 1 " + size + addr : "alloc " + id + " " + size + addr);
        long[] b = {id, size, address};
        live.add(b);
        if (!zeroed && size > 0) {
            access(b, 0, size, true); // the program fills what it allocates before reading it
        }
        return b;
    }

    private void reallocate(int i) {
        long[] b = live.get(i);
        long size = random.nextLong(1, 3000);
        long address = recorded ? real.realloc(b[2], size) : 0;
        line("realloc " + b[0] + " " + size + (recorded ? " addr=0x" + Long.toHexString(address) : ""));
        long old = b[1];
        b[1] = size;
        b[2] = address;
        if (size > old) {
            access(b, old, size - old, true);
        }
    }

    private void free(int i) {
        long[] b = live.remove(i);
        if (recorded) {
            real.free(b[2]);
        }
        line("free " + b[0]);
    }

    private void inject(Bug bug) {
        long[] b = allocate();
        while (b[1] < 16) {
            b = allocate();
        }
        switch (bug) {
            case USE_AFTER_FREE -> {
                free(live.size() - 1);
                bugEvent = events;
                access(b, 8, 8, random.nextBoolean());
            }
            case DOUBLE_FREE -> {
                free(live.size() - 1);
                bugEvent = events;
                line("free " + b[0]);
            }
            case INVALID_FREE -> {
                bugEvent = events;
                line(recorded ? "freeptr 0x" + Long.toHexString(b[2] + 8) : "freeptr 0x1234560");
            }
            case OVERFLOW -> {
                bugEvent = events;
                if (recorded) {
                    line("store 0x" + Long.toHexString(b[2] + b[1]) + " 1");
                } else {
                    line("bstore " + b[0] + " " + b[1] + " 1");
                }
            }
            case UNDERFLOW -> {
                bugEvent = events;
                line(recorded ? "load 0x" + Long.toHexString(b[2] - 1) + " 1" : "bload " + b[0] + " -1 1");
            }
            case UNINITIALIZED -> {
                long size = 8 + random.nextLong(100);
                long id = nextId++;
                long address = recorded ? real.malloc(size, 0) : 0;
                line("alloc " + id + " " + size + (recorded ? " addr=0x" + Long.toHexString(address) : ""));
                long[] u = {id, size, address};
                live.add(u);
                bugEvent = events;
                access(u, 0, 8, false);
                access(u, 0, size, true);
            }
            case LEAK -> {
                live.remove(live.size() - 1); // never freed
                bugEvent = -2; // reported at the end
            }
            default -> { }
        }
    }

    long events() {
        return events;
    }
}
