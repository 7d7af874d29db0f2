package org.memsim.vm;

import java.util.Arrays;
import org.memsim.collections.LongArrayList;

/**
 * A swap area of page-sized slots (Linux's {@code swap_info_struct} with its {@code swap_map} of
 * per-slot reference counts): a slot is taken when an anonymous page is written out, shared by
 * the page-table entries that point to it (after {@code fork}), and freed when its count drops to
 * zero. Slots are handed out lowest first, freed ones reused last-freed first. Host memory: one
 * int per slot ever used.
 */
public final class SwapDevice {
    /** Returned by {@link #allocate()} when the device is full (or absent). */
    public static final int NO_SLOT = -1;

    private final long slots;
    private final LongArrayList freed = new LongArrayList();
    private int[] refs = new int[0];
    private long neverUsed;
    private long used;
    private long peakUsed;
    private long reads;
    private long writes;

    /** @param slots number of page slots; 0 for no swap */
    public SwapDevice(long slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("negative swap size");
        }
        this.slots = Math.min(slots, Integer.MAX_VALUE - 64);
    }

    public long slots() {
        return slots;
    }

    public boolean present() {
        return slots > 0;
    }

    /** A free slot with a reference count of one, or {@link #NO_SLOT}. */
    public int allocate() {
        int s;
        if (!freed.isEmpty()) {
            s = (int) freed.removeLast();
        } else if (neverUsed < slots) {
            s = (int) neverUsed++;
            if (s >= refs.length) {
                refs = Arrays.copyOf(refs, (int) Math.min(slots, Math.max(1024, refs.length * 2L)));
            }
        } else {
            return NO_SLOT;
        }
        refs[s] = 1;
        used++;
        peakUsed = Math.max(peakUsed, used);
        return s;
    }

    /** One more page-table entry (or swap-cache page) refers to {@code slot}. */
    public void retain(int slot) {
        check(slot);
        refs[slot]++;
    }

    /** One reference fewer; the slot is freed at zero. */
    public void release(int slot) {
        check(slot);
        if (--refs[slot] == 0) {
            freed.add(slot);
            used--;
        }
    }

    public int refs(int slot) {
        return slot >= 0 && slot < neverUsed ? refs[slot] : 0;
    }

    private void check(int slot) {
        if (slot < 0 || slot >= neverUsed || refs[slot] <= 0) {
            throw new IllegalStateException("swap slot " + slot + " is not in use");
        }
    }

    /** Counts one page read from the device (a swap-in). */
    public void countRead() {
        reads++;
    }

    /** Counts one page written to the device (a swap-out). */
    public void countWrite() {
        writes++;
    }

    public long used() {
        return used;
    }

    public long peakUsed() {
        return peakUsed;
    }

    public long reads() {
        return reads;
    }

    public long writes() {
        return writes;
    }
}
