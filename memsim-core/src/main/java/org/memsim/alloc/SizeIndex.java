package org.memsim.alloc;

import java.util.Arrays;

/**
 * The free blocks ordered by (size, list position), for best fit: the smallest block that holds a
 * request, ties to the earliest in list order, without scanning the list. Keys are
 * {@code size << 34 | position}; they live in buckets (one per exact size below 1024 granules, then
 * sixteen per power of two, as TLSF's two-level index), each a sorted array, with a bitmap of the
 * non-empty buckets. A bucket's array is sorted in descending order, so that its smallest key (what
 * best fit takes from an exact-size bucket, and a LIFO list's newest block) is last: taken or added
 * without shifting the others. It holds each entry's key and then its reference side by side
 * (one array to search and shift, not two), or only the key when the reference is the key's
 * position (an address-ordered list, where a block's position is its granule). Host cost: 16 bytes
 * per free block, 8 when the reference is the position. Besides best fit it answers worst fit (the
 * earliest of the largest), floors and ranks (keys below a key: bucket counts summed, then a search
 * in one bucket), which a size-ordered free list needs for its search lengths.
 *
 * <p>A sorted array is the fastest structure for the few dozen blocks per size a heap usually
 * holds, and the slowest for a million free blocks of one size: when a bucket passes
 * {@value #CROWDED} entries, every key moves, for good, to a {@link FreeIndex} (a two-level
 * B+-tree, O(log n) per insert and remove) that answers the same queries.
 */
public final class SizeIndex {
    public static final int POSITION_BITS = 34;
    /**
     * Entries in one bucket past which the index moves to a B+-tree: a sorted array's insert would
     * then shift up to 32–64 KiB per op, and a heap of a million free 32-byte holes megabytes. Up to
     * there the arrays beat the tree: best fit without coalescing holds about 1,500 free 32-byte
     * blocks on StrategyBenchmark's trace and ran 2.2× faster in buckets than in the tree.
     */
    static final int CROWDED = 4096;
    /** Entries a bucket's array keeps room for however few it holds; past that it halves when a quarter full. */
    private static final int SHRINK_FLOOR = 64;
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;
    private static final int EXACT = 1024;
    private static final int SUB = 16;
    private static final int BUCKETS = EXACT + (31 - 10) * SUB;

    // bucket b's entries: entry i's key at [i * stride], its reference at [i * stride + stride - 1]
    // (the same slot when stride is 1: the reference is then the key's position, read through the mask)
    private final long[][] entries = new long[BUCKETS][];
    private final int[] counts = new int[BUCKETS];
    private int top = -1; // the highest non-empty bucket, -1 when empty
    private FreeIndex tree; // once a bucket crowds: every key as (key, 0) with its reference as the start
    private final long[] nonEmpty = new long[(BUCKETS + 63) >>> 6];
    private final int[] groupCounts = new int[(BUCKETS + 63) >>> 6]; // entries per 64 buckets, for ranks
    private final int stride;
    private int size;

    /** An index whose references are arbitrary (below 2^34). */
    public SizeIndex() {
        this(false);
    }

    /** @param refIsPosition whether every key's reference is its position (then only keys are stored) */
    public SizeIndex(boolean refIsPosition) {
        this.stride = refIsPosition ? 1 : 2;
    }

    /** Entries in the buckets before bucket {@code b}: the counts of the 64-bucket groups before it, then of its group's. */
    private int prefix(int b) {
        int g = b >>> 6;
        int r = 0;
        for (int i = 0; i < g; i++) {
            r += groupCounts[i];
        }
        for (int i = g << 6; i < b; i++) {
            r += counts[i];
        }
        return r;
    }

    public static long key(long sizeG, long position) {
        return (sizeG << POSITION_BITS) | position;
    }

    public static long sizeOf(long key) {
        return key >>> POSITION_BITS;
    }

    public static long positionOf(long key) {
        return key & POSITION_MASK;
    }

    /** Whether a size (in granules) and a position or reference fit in a key. */
    public static boolean fits(long sizeG, long position) {
        return (sizeG >>> (63 - POSITION_BITS)) == 0 && (position >>> POSITION_BITS) == 0;
    }

    private static int bucket(long sizeG) {
        if (sizeG < EXACT) {
            return (int) sizeG;
        }
        int fl = 63 - Long.numberOfLeadingZeros(sizeG);   // 10 and up
        int sl = (int) ((sizeG >>> (fl - 4)) & (SUB - 1));
        return EXACT + (fl - 10) * SUB + sl;
    }

    public int size() {
        return size;
    }

    /**
     * How many of {@code e}'s {@code n} entries (in descending order) have a key above {@code key}: a
     * binary search over strided keys with no data-dependent branch (the compare feeds a conditional
     * move, as in {@link FreeIndex}), since a bucket's probes land in a pattern the predictor loses.
     */
    private int above(long[] e, int n, long key) {
        if (n == 0) {
            return 0;
        }
        final int s = stride;
        int lo = 0;
        while (n > 1) { // invariant: entries before lo are above key, the answer is in [lo, lo + n]
            int half = n >>> 1;
            int mid = lo + half;
            lo = e[mid * s] > key ? mid : lo;
            n -= half;
        }
        return e[lo * s] > key ? lo + 1 : lo;
    }

    public void insert(long key, long ref) {
        if (tree != null) {
            tree.insert(key, 0, ref);
            size++;
            return;
        }
        int b = bucket(sizeOf(key));
        final int s = stride;
        long[] e = entries[b];
        int n = counts[b];
        if (e == null) {
            e = entries[b] = new long[4 * s];
        } else if (n * s == e.length) {
            e = entries[b] = Arrays.copyOf(e, e.length * 2);
        }
        // a new smallest key (a LIFO list's newest block, always) goes at the end, a new largest
        // (a FIFO list's newest in an exact-size bucket) at the front, without a search
        int i = n == 0 || e[(n - 1) * s] > key ? n : key > e[0] ? 0 : above(e, n, key);
        if (i < n) {
            if (e[i * s] == key) {
                throw new IllegalStateException("block listed twice in the size index");
            }
            shiftUp(e, i * s, (n - i) * s, s);
        }
        e[i * s + s - 1] = ref; // before the key: with stride 1 the key's slot is the reference's
        e[i * s] = key;
        counts[b] = n + 1;
        nonEmpty[b >>> 6] |= 1L << b;
        groupCounts[b >>> 6]++;
        top = Math.max(top, b);
        size++;
        if (n >= CROWDED) {
            moveToTree();
        }
    }

    /** Moves every entry to a B+-tree, for good: O(log n) inserts and removes whatever the bucket sizes. */
    private void moveToTree() {
        FreeIndex t = new FreeIndex();
        for (int b = 0; b < BUCKETS; b++) {
            for (int i = counts[b] - 1; i >= 0; i--) {
                t.insert(entries[b][i * stride], 0, refAt(entries[b], i));
            }
            entries[b] = null;
            counts[b] = 0;
        }
        java.util.Arrays.fill(nonEmpty, 0);
        java.util.Arrays.fill(groupCounts, 0);
        top = -1;
        hintBucket = -1;
        tree = t;
    }

    /** Entries bucket {@code sizeG}'s array has room for (for tests). */
    int bucketCapacity(long sizeG) {
        long[] e = entries[bucket(sizeG)];
        return e == null ? 0 : e.length / stride;
    }

    /** Whether the entries have moved to the B+-tree (a bucket crowded). */
    boolean inTree() {
        return tree != null;
    }

    /** Removes {@code key}; false when it is not there. */
    public boolean remove(long key) {
        if (tree != null) {
            boolean removed = tree.remove(key, 0);
            size -= removed ? 1 : 0;
            return removed;
        }
        int b = bucket(sizeOf(key));
        int n = counts[b];
        final int s = stride;
        long[] e = entries[b];
        int i = find(e, n, b, key);
        if (i < 0) {
            return false;
        }
        shiftDown(e, (i + 1) * s, (n - i - 1) * s, s);
        counts[b] = n - 1;
        if (e.length > SHRINK_FLOOR * s && (n - 1) * s * 4 <= e.length) {
            entries[b] = Arrays.copyOf(e, e.length >>> 1); // a quarter full: half the array (then half full)
        }
        groupCounts[b >>> 6]--;
        if (n == 1) {
            nonEmpty[b >>> 6] &= ~(1L << b);
            if (b == top) {
                top = prevNonEmpty(b - 1);
            }
        }
        size--;
        return true;
    }

    /**
     * Where {@code key} is among bucket {@code b}'s {@code n} entries, or -1 (also when the bucket is
     * empty): the entry the last query found (a malloc's unlink or split of the block it was given)
     * and the bucket's smallest key (what best fit takes from an exact-size bucket) without a search.
     */
    private int find(long[] e, int n, int b, long key) {
        if (n == 0) {
            return -1;
        }
        final int s = stride;
        int h = hintIndex;
        if (b == hintBucket && h < n && e[h * s] == key) {
            return h;
        }
        int i = e[(n - 1) * s] == key ? n - 1 : above(e, n, key);
        return i < n && e[i * s] == key ? i : -1;
    }

    /**
     * A split's remainder: {@code newKey} with reference {@code ref} takes {@code oldKey}'s place.
     * Within one bucket that is one shift of the entries between the two places; false when
     * {@code oldKey} is not there.
     */
    public boolean replace(long oldKey, long newKey, long ref) {
        if (tree != null) {
            return tree.replace(oldKey, 0, newKey, 0, ref);
        }
        int b = bucket(sizeOf(oldKey));
        if (b != bucket(sizeOf(newKey)) || oldKey == newKey) {
            if (!remove(oldKey)) {
                return false;
            }
            insert(newKey, ref);
            return true;
        }
        int n = counts[b];
        final int s = stride;
        long[] e = entries[b];
        int i = find(e, n, b, oldKey);
        if (i < 0) {
            return false;
        }
        int j = above(e, n, newKey); // entries above the new key, the old one counted when it is
        if (j < n && e[j * s] == newKey) {
            throw new IllegalStateException("block listed twice in the size index");
        }
        if (newKey < oldKey) { // later in the descending array: the entries between move down
            j--;
            shiftDown(e, (i + 1) * s, (j - i) * s, s);
        } else {
            shiftUp(e, j * s, (i - j) * s, s);
        }
        e[j * s + s - 1] = ref;
        e[j * s] = newKey;
        return true;
    }

    /** Moves {@code len} longs at {@code from} up by {@code by}: a loop for a few (no arraycopy stub call), else arraycopy. */
    private static void shiftUp(long[] e, int from, int len, int by) {
        if (len <= 16) {
            for (int j = from + len - 1; j >= from; j--) {
                e[j + by] = e[j];
            }
        } else {
            System.arraycopy(e, from, e, from + by, len);
        }
    }

    /** Moves {@code len} longs at {@code from} down by {@code by}, as {@link #shiftUp}. */
    private static void shiftDown(long[] e, int from, int len, int by) {
        if (len <= 16) {
            for (int j = from; j < from + len; j++) {
                e[j - by] = e[j];
            }
        } else {
            System.arraycopy(e, from, e, from - by, len);
        }
    }

    /** Whether {@code key} is present with reference {@code ref}. */
    public boolean contains(long key, long ref) {
        if (tree != null) {
            int node = tree.find(key, 0);
            return node != 0 && tree.start(node) == ref;
        }
        int b = bucket(sizeOf(key));
        int n = counts[b];
        if (n == 0) {
            return false;
        }
        int i = above(entries[b], n, key);
        return i < n && entries[b][i * stride] == key && refAt(entries[b], i) == ref;
    }

    private long refAt(long[] e, int i) {
        return e[i * stride + stride - 1] & POSITION_MASK;
    }

    /** The reference of the smallest key at least {@code key}, or -1; {@link #lastKey} holds the key. */
    public long ceiling(long key) {
        if (tree != null) {
            return foundInTree(tree.lowerBound(key, 0));
        }
        int b = bucket(sizeOf(key));
        int n = counts[b];
        if (n > 0) {
            long[] e = entries[b];
            // the keys at least key are the first ones; in an exact-size bucket all are when key's position is 0
            int atLeast = b < EXACT && (key & POSITION_MASK) == 0 ? n : above(e, n, key - 1);
            if (atLeast > 0) {
                return found(b, atLeast - 1);
            }
        }
        int nb = nextNonEmpty(b + 1);
        if (nb < 0) {
            return -1;
        }
        return found(nb, counts[nb] - 1);
    }

    /** A tree node as a query's answer (its key kept as {@link #lastKey}), or -1 for none. */
    private long foundInTree(int node) {
        if (node == 0) {
            return -1;
        }
        lastKey = tree.key1(node);
        return tree.start(node);
    }

    /** Entry {@code i} of bucket {@code b} as a query's answer: its key kept as {@link #lastKey} and its place as the hint; returns its reference. */
    private long found(int b, int i) {
        hintBucket = b;
        hintIndex = i;
        lastKey = entries[b][i * stride];
        return refAt(entries[b], i);
    }

    private long lastKey;
    private int hintBucket = -1; // bucket and index of lastKey's entry, while it is there (find checks)
    private int hintIndex;

    /**
     * How many keys are below {@code key}: the entries of the buckets before its bucket (sums of
     * counts, no walk of entries), then a binary search within its bucket.
     */
    public int rank(long key) {
        if (tree != null) {
            return tree.rank(key, 0);
        }
        int b = bucket(sizeOf(key));
        int r = prefix(b);
        int n = counts[b];
        return n == 0 ? r : r + n - above(entries[b], n, key - 1);
    }

    /**
     * {@link #rank} of {@link #lastKey}, the key the last query found: while its entry is where the
     * query found it, its index in its bucket tells the keys below it there without a search.
     */
    public int rankOfLast() {
        int b = hintBucket;
        if (tree == null && b >= 0) {
            int i = hintIndex;
            int n = counts[b];
            if (i < n && entries[b][i * stride] == lastKey) {
                return prefix(b) + n - 1 - i;
            }
        }
        return rank(lastKey);
    }

    /** The reference of the largest key at most {@code key}, or -1; {@link #lastKey} holds the key. */
    public long floor(long key) {
        if (tree != null) {
            return foundInTree(tree.before(key, 1));
        }
        int b = bucket(sizeOf(key));
        int n = counts[b];
        if (n > 0) {
            int atMost = above(entries[b], n, key); // entries above key come first
            if (atMost < n) {
                return found(b, atMost);
            }
        }
        int pb = prevNonEmpty(b - 1);
        if (pb < 0) {
            return -1;
        }
        return found(pb, 0);
    }

    private int prevNonEmpty(int from) {
        if (from < 0) {
            return -1;
        }
        int w = from >>> 6;
        long bits = nonEmpty[w] & (-1L >>> (63 - (from & 63)));
        while (bits == 0) {
            if (--w < 0) {
                return -1;
            }
            bits = nonEmpty[w];
        }
        return (w << 6) + 63 - Long.numberOfLeadingZeros(bits);
    }

    /** The key found by the last successful {@link #ceiling} or {@link #earliestOfLargest}. */
    public long lastKey() {
        return lastKey;
    }

    private int nextNonEmpty(int from) {
        if (from >= BUCKETS) {
            return -1;
        }
        int w = from >>> 6;
        long bits = nonEmpty[w] & (-1L << from);
        while (bits == 0) {
            if (++w == nonEmpty.length) {
                return -1;
            }
            bits = nonEmpty[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(bits);
    }

    /**
     * Worst fit's block: the reference of the smallest key among those of the largest size (the
     * earliest of the largest blocks), or -1 when empty; {@link #lastKey} holds the key. In an
     * exact-size bucket that is its last entry; in a range bucket, the last of the leading run of its
     * largest size.
     */
    public long earliestOfLargest() {
        if (tree != null) {
            return tree.size() == 0 ? -1 : foundInTree(tree.lowerBound(key(sizeOf(tree.lastSize()), 0), 0));
        }
        int b = lastNonEmpty();
        if (b < 0) {
            return -1;
        }
        long[] e = entries[b];
        int n = counts[b];
        if (b < EXACT) {
            return found(b, n - 1);
        }
        long largest = sizeOf(e[0]);
        // a range bucket: usually its first entry is the only one of the largest size
        return found(b, n == 1 || sizeOf(e[stride]) != largest ? 0 : above(e, n, key(largest, 0) - 1) - 1);
    }

    /** The reference of the largest key, or -1 when empty; {@link #lastKey} holds the key. */
    public long largest() {
        if (tree != null) {
            return foundInTree(tree.before(Long.MAX_VALUE, 1));
        }
        int b = lastNonEmpty();
        return b < 0 ? -1 : found(b, 0);
    }

    private int lastNonEmpty() {
        return top;
    }

    /** Every entry as (key, reference) pairs, in ascending key order: for moving them to another index. */
    public long[] keysAndRefs() {
        long[] out = new long[2 * size];
        if (tree != null) {
            int[] o = {0};
            tree.forEach((key1, key2, start, ignored) -> {
                out[o[0]++] = key1;
                out[o[0]++] = start;
            });
            return out;
        }
        int o = 0;
        for (int b = 0; b < BUCKETS; b++) {
            for (int i = counts[b] - 1; i >= 0; i--) {
                out[o++] = entries[b][i * stride];
                out[o++] = refAt(entries[b], i);
            }
        }
        return out;
    }

    /** The largest size present, or 0. */
    public long maxSize() {
        if (tree != null) {
            return sizeOf(tree.lastSize()); // the last key, as keys are positive
        }
        int b = lastNonEmpty();
        return b < 0 ? 0 : sizeOf(entries[b][0]);
    }

    /** Checks the buckets are sorted, in the right bucket and counted. */
    public void verify(String what) {
        if (tree != null) {
            if (tree.size() != size) {
                throw new IllegalStateException(what + ": " + tree.size() + " keys in the tree, " + size + " counted");
            }
            return;
        }
        int total = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (prefix(b) != total) {
                throw new IllegalStateException(what + ": prefix count before bucket " + b + " is wrong");
            }
            int n = counts[b];
            total += n;
            if ((n > 0 && b > top) || (n == 0 && b == top)) {
                throw new IllegalStateException(what + ": the highest non-empty bucket is " + top + ", not " + b);
            }
            if ((n > 0) != ((nonEmpty[b >>> 6] & (1L << b)) != 0)) {
                throw new IllegalStateException(what + ": bucket " + b + " non-empty mark is wrong");
            }
            for (int i = 0; i < n; i++) {
                long k = entries[b][i * stride];
                if (bucket(sizeOf(k)) != b || (i > 0 && entries[b][(i - 1) * stride] <= k)) {
                    throw new IllegalStateException(what + ": bucket " + b + " out of order");
                }
            }
        }
        if (total != size) {
            throw new IllegalStateException(what + ": " + total + " keys in buckets, " + size + " counted");
        }
    }
}
