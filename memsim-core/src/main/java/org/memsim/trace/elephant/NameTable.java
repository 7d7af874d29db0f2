package org.memsim.trace.elephant;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Type names seen in a trace, interned from bytes: the first sight of a name copies it and gives
 * it the next number; later sights only hash and compare bytes, so no String is built per record.
 * At most {@link #MAX} names; past that, lookups return 0 (no type).
 */
final class NameTable {
    static final int MAX = 1 << 16;

    private byte[][] names = new byte[64][];
    private int[] slots = new int[128]; // name number, 0 = empty
    private int size;

    /** The number of the name in {@code b[from, to)}, or -(number) when it was just added, or 0 when full. */
    int intern(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int mask = slots.length - 1;
        int s = (h ^ (h >>> 16)) & mask;
        while (slots[s] != 0) {
            byte[] n = names[slots[s]];
            if (Arrays.equals(n, 0, n.length, b, from, to)) {
                return slots[s];
            }
            s = (s + 1) & mask;
        }
        if (size >= MAX - 1) {
            return 0;
        }
        int id = ++size;
        if (id >= names.length) {
            names = Arrays.copyOf(names, names.length * 2);
        }
        names[id] = Arrays.copyOfRange(b, from, to);
        slots[s] = id;
        if (size * 2 > slots.length) {
            rehash();
        }
        return -id;
    }

    private void rehash() {
        int[] fresh = new int[slots.length * 2];
        int mask = fresh.length - 1;
        for (int id = 1; id <= size; id++) {
            byte[] n = names[id];
            int h = 1;
            for (byte c : n) {
                h = 31 * h + c;
            }
            int s = (h ^ (h >>> 16)) & mask;
            while (fresh[s] != 0) {
                s = (s + 1) & mask;
            }
            fresh[s] = id;
        }
        slots = fresh;
    }

    String name(int id) {
        return new String(names[id], StandardCharsets.UTF_8);
    }
}
