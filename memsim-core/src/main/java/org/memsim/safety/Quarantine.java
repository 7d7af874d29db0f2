package org.memsim.safety;

/**
 * Freed blocks kept poisoned, oldest first, until their bytes exceed the volume (memcheck's
 * {@code --freelist-vol}, 20,000,000 bytes by default; ASan's {@code quarantine_size_mb}): a ring
 * of block slots. Leaving it, a block is forgotten and its bytes stop being checked.
 */
final class Quarantine {
    /** memcheck's default {@code --freelist-vol}. */
    static final long DEFAULT_BYTES = 20_000_000L;

    private final long limit;
    private int[] ring = new int[64];
    private long[] sizes = new long[64];
    private int head;
    private int count;
    private long bytes;

    Quarantine(long limit) {
        this.limit = limit;
    }

    /** Adds a freed block; blocks leave while {@link #overflowing} says so. */
    void push(int slot, long size) {
        if (count == ring.length) {
            int[] r = new int[count * 2];
            long[] z = new long[count * 2];
            for (int i = 0; i < count; i++) {
                r[i] = ring[(head + i) % count];
                z[i] = sizes[(head + i) % count];
            }
            ring = r;
            sizes = z;
            head = 0;
        }
        int tail = (head + count) % ring.length;
        ring[tail] = slot;
        sizes[tail] = size;
        count++;
        bytes += size;
    }

    /** Whether the oldest block must leave (more bytes than the volume, or a volume of 0). */
    boolean overflowing() {
        return count > 0 && (bytes > limit || limit == 0);
    }

    /** Removes and returns the oldest block's slot. */
    int pop() {
        int s = ring[head];
        bytes -= sizes[head];
        head = (head + 1) % ring.length;
        count--;
        return s;
    }

    Quarantine copy() {
        Quarantine c = new Quarantine(limit);
        c.ring = ring.clone();
        c.sizes = sizes.clone();
        c.head = head;
        c.count = count;
        c.bytes = bytes;
        return c;
    }

    long bytes() {
        return bytes;
    }

    int blocks() {
        return count;
    }
}
