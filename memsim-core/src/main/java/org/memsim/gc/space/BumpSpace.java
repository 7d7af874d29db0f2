package org.memsim.gc.space;

/**
 * A contiguous space allocated by bumping a cursor (MMTk's {@code BumpPointer}): the fast path
 * aligns, compares with the limit and bumps; when the limit is reached it returns -1 and the plan
 * runs its named slow path (collect, grow, or fail). Offsets are bytes from the heap base.
 * <pre>
 *   start            cursor           limit          end
 *   |== objects ======|.... free .......|  reserved   |
 * </pre>
 */
public final class BumpSpace {
    private final String name;
    private final long start;
    private final long end;
    private long cursor;
    private long limit;

    public BumpSpace(String name, HeapReservation heap, long bytes) {
        this.name = name;
        this.start = heap.carve(bytes, 4096);
        this.end = start + bytes;
        this.cursor = start;
        this.limit = end;
    }

    /** Fast path: the offset of {@code bytes} (a multiple of 8), or -1 when the space is full. */
    public long alloc(long bytes) {
        long c = cursor;
        long n = c + bytes;
        if (n > limit) {
            return -1;
        }
        cursor = n;
        return c;
    }

    /** Empties the space (after its survivors were evacuated or slid). */
    public void reset() {
        cursor = start;
    }

    /** Moves the cursor (after a sliding compaction ends at {@code offset}). */
    public void resetTo(long offset) {
        cursor = offset;
    }

    /** Caps allocation below {@code start + bytes} (a soft heap size); at most the reserved size. */
    public void setCapacity(long bytes) {
        limit = Math.min(end, start + bytes);
    }

    public long capacity() {
        return limit - start;
    }

    public long reserved() {
        return end - start;
    }

    public boolean contains(long offset) {
        return offset >= start && offset < end;
    }

    public long start() {
        return start;
    }

    public long cursor() {
        return cursor;
    }

    public long used() {
        return cursor - start;
    }

    public String name() {
        return name;
    }
}
