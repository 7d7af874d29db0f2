package org.memsim.alloc.ptmalloc;

/**
 * The metadata words of one 8 KiB stretch of the simulated heap as a sorted {@code int[]}: element 0
 * is the number of words n, elements 1..n are entries {@code slot << 21 | code} in slot order (slot =
 * the word's index in the stretch, 0..1023; code = its value as {@link WordStore} encodes it, never 0).
 * Four host bytes per word plus the array header: the heap holds about one word (the size field)
 * per live chunk. Lookups are a binary search; insertions and removals shift the entries after the slot.
 * <pre>
 *   int[]:  | n | slot&lt;&lt;21|code | slot&lt;&lt;21|code | ... (n entries, ascending) | spare capacity |
 * </pre>
 */
final class SparsePage {
    private SparsePage() {}

    static final int SLOT_SHIFT = 21;
    /** Words per page: slots fill the 31 bits above the code, entries stay positive. */
    static final int SLOTS = 1 << (31 - SLOT_SHIFT);
    /** The code bits of an entry. */
    static final int CODE_MASK = (1 << SLOT_SHIFT) - 1;
    private static final int INITIAL = 4;

    /** A fresh page holding nothing. */
    static int[] empty() {
        return new int[1 + INITIAL];
    }

    static int count(int[] a) {
        return a[0];
    }

    /** The entry index of {@code slot}, or {@code -(insertion index) - 1}. */
    static int find(int[] a, int slot) {
        int lo = 1;
        int hi = a[0];
        final int key = slot << SLOT_SHIFT;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int e = a[mid] & ~CODE_MASK;
            if (e < key) {
                lo = mid + 1;
            } else if (e > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** The code stored at {@code slot}, or 0. */
    static int get(int[] a, int slot) {
        int i = find(a, slot);
        return i > 0 ? a[i] & CODE_MASK : 0;
    }

    /**
     * Stores a non-zero code at {@code slot}; returns the page (a larger copy when full). The code it
     * replaced, or 0, is left in {@code old[0]}.
     */
    static int[] put(int[] a, int slot, int code, int[] old) {
        int i = find(a, slot);
        int entry = slot << SLOT_SHIFT | code;
        if (i > 0) {
            old[0] = a[i] & CODE_MASK;
            a[i] = entry;
            return a;
        }
        old[0] = 0;
        i = -i - 1;
        int n = a[0];
        if (n + 1 == a.length) {
            int[] b = new int[a.length + Math.max(INITIAL, n >>> 2)];
            System.arraycopy(a, 0, b, 0, i);
            System.arraycopy(a, i, b, i + 1, n + 1 - i);
            a = b;
        } else {
            System.arraycopy(a, i, a, i + 1, n + 1 - i);
        }
        a[i] = entry;
        a[0] = n + 1;
        return a;
    }

    /**
     * Removes the word at {@code slot}, in place: a page keeps the capacity it grew to (a page
     * that empties and fills again as chunks come and go allocates nothing). The code removed, or 0,
     * is left in {@code old[0]}.
     */
    static void remove(int[] a, int slot, int[] old) {
        int i = find(a, slot);
        if (i < 0) {
            old[0] = 0;
            return;
        }
        old[0] = a[i] & CODE_MASK;
        int n = a[0] - 1;
        System.arraycopy(a, i + 1, a, i, n + 1 - i);
        a[0] = n;
    }

    /** The slot of entry {@code i} (1..n). */
    static int slotAt(int[] a, int i) {
        return a[i] >>> SLOT_SHIFT;
    }

    /** The code of entry {@code i} (1..n). */
    static int codeAt(int[] a, int i) {
        return a[i] & CODE_MASK;
    }
}
