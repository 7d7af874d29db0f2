package org.memsim.gc;

import java.util.Arrays;
import org.memsim.gc.space.IntStack;

/**
 * A card table and the remembered set it feeds (HotSpot's card-marking post-write barrier): the
 * old space is cut into cards of {@code cardBytes}; a reference store into an old object that
 * makes it point at a young one dirties that object's card and remembers the object. A young
 * collection scans the dirty cards' remembered objects as extra roots and is charged per card;
 * afterwards only objects that still point at young ones stay remembered.
 */
public final class RememberedSet {
    private final int cardShift;
    private final long heapStart;
    private final byte[] cards;
    private long[] remembered = new long[16];
    private final IntStack objects = new IntStack(256);
    private long dirtyCards;

    /**
     * @param heapStart offset where the carded range starts
     * @param bytes     length of the carded range
     */
    public RememberedSet(long heapStart, long bytes, int cardBytes) {
        this.cardShift = Integer.numberOfTrailingZeros(cardBytes);
        this.heapStart = heapStart;
        long n = (bytes >>> cardShift) + 1;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("card table too large");
        }
        cards = new byte[(int) n];
    }

    /** The barrier's slow path: {@code src} (at {@code offset}) now points at a young object. */
    public void record(int src, long offset) {
        int c = (int) ((offset - heapStart) >>> cardShift);
        if (c >= 0 && c < cards.length && cards[c] == 0) {
            cards[c] = 1;
            dirtyCards++;
        }
        add(src);
    }

    /** Remembers {@code src} without dirtying a card (rebuilding after a collection). */
    public void add(int src) {
        if ((src >>> 6) >= remembered.length) {
            remembered = Arrays.copyOf(remembered, Math.max((src >>> 6) + 1, remembered.length * 2));
        }
        long bit = 1L << src;
        if ((remembered[src >>> 6] & bit) == 0) {
            remembered[src >>> 6] |= bit;
            objects.push(src);
        }
    }

    public boolean contains(int src) {
        return (src >>> 6) < remembered.length && (remembered[src >>> 6] & (1L << src)) != 0;
    }

    /** Remembered objects (may include objects freed since: check the table). */
    public IntStack objects() {
        return objects;
    }

    public long dirtyCards() {
        return dirtyCards;
    }

    /** Cleans every card and forgets every object; returns the objects that were remembered (copied out). */
    public int[] drain() {
        int[] out = new int[objects.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = objects.get(i);
            remembered[out[i] >>> 6] &= ~(1L << out[i]);
        }
        objects.clear();
        Arrays.fill(cards, (byte) 0);
        dirtyCards = 0;
        return out;
    }

    /** Forgets a freed object. */
    public void forget(int i) {
        if ((i >>> 6) < remembered.length) {
            remembered[i >>> 6] &= ~(1L << i);
        }
    }

    /** Marks the card of an offset dirty (for objects re-remembered after a collection). */
    public void dirty(long offset) {
        int c = (int) ((offset - heapStart) >>> cardShift);
        if (c >= 0 && c < cards.length && cards[c] == 0) {
            cards[c] = 1;
            dirtyCards++;
        }
    }
}
