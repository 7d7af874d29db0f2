package org.memsim.gc.space;

import org.memsim.InputException;
import org.memsim.event.Advice;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.kernel.SystemCalls;

/**
 * The managed heap's virtual range, reserved with one anonymous {@code mmap} at start-up as
 * HotSpot reserves {@code -Xmx} and Go its arenas: no frame is used until a page is touched, and
 * {@link #release} gives pages back with {@code madvise(MADV_DONTNEED)}. Spaces carve their
 * ranges from it; objects are addressed as 8-byte granules from {@link #base()}.
 */
public final class HeapReservation {
    /** Largest reservation: granules are unsigned ints. */
    public static final long MAX_BYTES = 32L << 30;

    private final SystemCalls kernel;
    private final long base;
    private final long bytes;
    private long carved;

    public HeapReservation(SystemCalls kernel, long bytes) {
        if (bytes <= 0 || bytes > MAX_BYTES) {
            throw new InputException("managed heap of " + bytes + " bytes: must be from 1 byte to 32 GiB");
        }
        this.kernel = kernel;
        long page = kernel.pageSize();
        this.bytes = (bytes + page - 1) / page * page;
        long a = kernel.mmap(0, this.bytes, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS | MapFlags.NORESERVE, 0, 0);
        if (a == SystemCalls.MAP_FAILED) {
            throw new InputException("could not reserve a managed heap of " + this.bytes + " bytes (mmap failed)");
        }
        this.base = a;
    }

    /** Carves {@code length} bytes aligned to {@code align}; returns the offset from {@link #base()}. */
    public long carve(long length, long align) {
        long off = (carved + align - 1) / align * align;
        if (off + length > bytes) {
            throw new InputException("managed heap spaces need more than the " + bytes + "-byte reservation");
        }
        carved = off + length;
        return off;
    }

    /** Returns the pages of {@code [offset, offset + length)} to the kernel. */
    public void release(long offset, long length) {
        long page = kernel.pageSize();
        long from = (offset + page - 1) / page * page;
        long to = (offset + length) / page * page;
        if (to > from) {
            kernel.madvise(base + from, to - from, Advice.DONTNEED);
        }
    }

    public long base() {
        return base;
    }

    public long bytes() {
        return bytes;
    }

    /** The address of an offset. */
    public long address(long offset) {
        return base + offset;
    }
}
