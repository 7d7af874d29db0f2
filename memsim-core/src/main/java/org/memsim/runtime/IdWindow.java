package org.memsim.runtime;

import java.util.Arrays;

/**
 * The live blocks with recent ids, for traces that number blocks in allocation order (memsim's
 * generators, {@code capture}, the importers): a ring of packed entries indexed directly by id over
 * the window {@code [lo, lo + capacity)} — 8 host bytes per slot, no key, no probing. A new id past
 * the window slides it forward; the live entries it leaves behind are handed to a {@link Spill}
 * (the hashed table for older ids), so every id below {@code lo} lives there and every id at or
 * above it here. The window doubles instead of spilling while more than half its slots are live,
 * and switches itself off (everything to the spill) when ids jump around so much that sliding costs
 * more than it saves.
 */
final class IdWindow {
    /** An empty slot; the same value as {@link LiveBlocks#MISSING}. */
    static final long EMPTY = -1;
    private static final int MIN_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 28;
    private static final long FREE_JUMP_SLOTS = 1 << 16; // slots a trace may scan on jumps before the window judges it

    /** Receives the entries the window stops covering. */
    @FunctionalInterface
    interface Spill {
        void spill(long id, long packed);
    }

    private final Spill spill;
    private long[] slots = emptySlots(MIN_CAPACITY);
    private int mask = MIN_CAPACITY - 1;
    private long lo;
    private int count;
    private boolean off;
    private long puts;
    private long jumpSlots;

    IdWindow(Spill spill) {
        this.spill = spill;
    }

    private static long[] emptySlots(int n) {
        long[] s = new long[n];
        Arrays.fill(s, EMPTY);
        return s;
    }

    /** The lowest id the window covers: ids below it are the spill's ({@link Long#MAX_VALUE} once switched off). */
    long lo() {
        return lo;
    }

    /** True once the window has handed everything to the spill for good. */
    boolean isOff() {
        return off;
    }

    /** Live entries in the window. */
    int size() {
        return count;
    }

    /** The packed entry of {@code id >= lo()}, or {@link #EMPTY}. */
    long get(long id) {
        return id - lo <= mask ? slots[(int) id & mask] : EMPTY;
    }

    /** Stores the entry of {@code id >= lo()}; false when the window is off and the caller must keep it elsewhere. */
    boolean put(long id, long packed) {
        puts++;
        if (id - lo > mask && !advance(id)) {
            return false;
        }
        int i = (int) id & mask;
        if (slots[i] == EMPTY) {
            count++;
        }
        slots[i] = packed;
        return true;
    }

    /** Removes {@code id >= lo()} and returns its entry, or {@link #EMPTY}. */
    long take(long id) {
        if (id - lo > mask) {
            return EMPTY;
        }
        int i = (int) id & mask;
        long v = slots[i];
        if (v != EMPTY) {
            slots[i] = EMPTY;
            count--;
        }
        return v;
    }

    /** Moves the window so that it covers {@code id}, which lies past its end; false when switched off. */
    private boolean advance(long id) {
        while (!off) {
            long newLo = id - mask + ((mask + 1) >>> 4); // a sixteenth of the window ahead: one slide per so many new ids
            if (newLo > id) {
                newLo = id;
            }
            if (count == 0) {
                lo = newLo;
                return true;
            }
            if (newLo - lo > mask) { // a jump past the whole window: everything in it spills
                jumpSlots += slots.length;
                if (jumpSlots > 4 * puts + FREE_JUMP_SLOTS) {
                    switchOff();
                    return false;
                }
                spillRange(lo, lo + mask + 1);
                lo = newLo;
                return true;
            }
            if (3L * count > slots.length && slots.length < MAX_CAPACITY) {
                grow();
                if (id - lo <= mask) {
                    return true;
                }
                continue;
            }
            spillRange(lo, newLo);
            lo = newLo;
            return true;
        }
        return false;
    }

    private void spillRange(long from, long to) {
        final long[] s = slots;
        for (long id = from; id < to && count > 0; id++) {
            int i = (int) id & mask;
            long v = s[i];
            if (v != EMPTY) {
                s[i] = EMPTY;
                count--;
                spill.spill(id, v);
            }
        }
    }

    private void grow() {
        long[] grown = emptySlots(slots.length * 2);
        int newMask = grown.length - 1;
        for (long id = lo; id <= lo + mask; id++) {
            long v = slots[(int) id & mask];
            if (v != EMPTY) {
                grown[(int) id & newMask] = v;
            }
        }
        slots = grown;
        mask = newMask;
    }

    private void switchOff() {
        spillRange(lo, lo + mask + 1);
        off = true;
        lo = Long.MAX_VALUE;
        slots = emptySlots(1);
        mask = 0;
    }

    /** Visits every entry in the window, in id order. */
    void forEach(Spill visitor) {
        if (off) {
            return;
        }
        for (long id = lo; id <= lo + mask; id++) {
            long v = slots[(int) id & mask];
            if (v != EMPTY) {
                visitor.spill(id, v);
            }
        }
    }

    /** Empties the window (its position and size stay). */
    void clear() {
        Arrays.fill(slots, EMPTY);
        count = 0;
    }

    /** Host bytes held. */
    long footprintBytes() {
        return slots.length * 8L;
    }
}
