package org.memsim.vm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The VMAs of one address space, sorted by address and never overlapping; lookups by binary
 * search. Removing or re-protecting part of a VMA splits it, as Linux does.
 */
public final class VmaList {
    private final List<Vma> vmas = new ArrayList<>();
    private int lastHit = -1; // lookups cluster: try the last VMA found first

    /** The VMA containing {@code address}, or null. */
    public Vma find(long address) {
        int h = lastHit;
        if (h >= 0 && h < vmas.size() && vmas.get(h).contains(address)) {
            return vmas.get(h);
        }
        int i = indexAtOrBefore(address);
        if (i >= 0 && vmas.get(i).contains(address)) {
            lastHit = i;
            return vmas.get(i);
        }
        return null;
    }

    /** Index of the last VMA starting at or before {@code address}, or -1. */
    private int indexAtOrBefore(long address) {
        int lo = 0;
        int hi = vmas.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(vmas.get(mid).start, address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The VMA nearest to {@code address} (containing it, or the closest edge), or null when empty. */
    public Vma nearest(long address) {
        if (vmas.isEmpty()) {
            return null;
        }
        int i = indexAtOrBefore(address);
        Vma below = i >= 0 ? vmas.get(i) : null;
        Vma above = i + 1 < vmas.size() ? vmas.get(i + 1) : null;
        if (below != null && below.contains(address)) {
            return below;
        }
        if (below == null) {
            return above;
        }
        if (above == null) {
            return below;
        }
        return address - below.end < above.start - address ? below : above;
    }

    /** Whether any VMA overlaps {@code [start, end)}. */
    public boolean overlaps(long start, long end) {
        int i = indexAtOrBefore(end - 1);
        return i >= 0 && vmas.get(i).end > start;
    }

    /** Adds a VMA that overlaps none. */
    public void insert(Vma vma) {
        if (overlaps(vma.start, vma.end)) {
            throw new IllegalStateException("VMA " + vma + " overlaps an existing one");
        }
        int i = indexAtOrBefore(vma.start);
        vmas.add(i + 1, vma);
        lastHit = -1;
    }

    /** Removes {@code [start, end)} from every VMA it touches, splitting at the edges. */
    public void remove(long start, long end) {
        List<Vma> keep = new ArrayList<>();
        for (Vma v : vmas) {
            if (v.end <= start || v.start >= end) {
                keep.add(v);
                continue;
            }
            if (v.start < start) {
                keep.add(v.slice(v.start, start));
            }
            if (v.end > end) {
                keep.add(v.slice(end, v.end));
            }
        }
        vmas.clear();
        vmas.addAll(keep);
        lastHit = -1;
    }

    /** Sets the protection of {@code [start, end)}, splitting VMAs at the edges; returns the number of VMAs touched. */
    public int protect(long start, long end, int prot) {
        return modify(start, end, v -> v.prot = prot);
    }

    /** Applies {@code change} to the parts of VMAs inside {@code [start, end)}, splitting at the edges; returns VMAs touched. */
    public int modify(long start, long end, java.util.function.Consumer<Vma> change) {
        List<Vma> out = new ArrayList<>();
        int touched = 0;
        for (Vma v : vmas) {
            if (v.end <= start || v.start >= end) {
                out.add(v);
                continue;
            }
            touched++;
            if (v.start < start) {
                out.add(v.slice(v.start, start));
            }
            Vma mid = v.slice(Math.max(v.start, start), Math.min(v.end, end));
            change.accept(mid);
            out.add(mid);
            if (v.end > end) {
                out.add(v.slice(end, v.end));
            }
        }
        vmas.clear();
        vmas.addAll(out);
        lastHit = -1;
        return touched;
    }

    /** The VMA ending at or below {@code address} that is closest to it (the one a stack's guard gap protects), or null. */
    public Vma below(long address) {
        int i = indexAtOrBefore(address - 1);
        while (i >= 0) {
            Vma v = vmas.get(i);
            if (v.end <= address && v.end > v.start) {
                return v;
            }
            i--;
        }
        return null;
    }

    /** The first non-empty VMA starting at or above {@code address}, or null. */
    public Vma above(long address) {
        int i = indexAtOrBefore(address - 1) + 1;
        while (i < vmas.size()) {
            Vma v = vmas.get(i);
            if (v.start >= address && v.end > v.start) {
                return v;
            }
            i++;
        }
        return null;
    }

    /** Moves the start of {@code vma} down to {@code newStart} (stack growth) without overlapping the VMA below. */
    public void extendDown(Vma vma, long newStart) {
        int i = vmas.indexOf(vma);
        if (i < 0) {
            throw new IllegalStateException("VMA not in this list");
        }
        if (i > 0 && newStart < vmas.get(i - 1).end) {
            throw new IllegalStateException("growth would overlap " + vmas.get(i - 1));
        }
        vma.start = newStart;
        lastHit = -1;
    }

    /** Copies of every VMA, for a forked address space. */
    public void copyInto(VmaList target) {
        for (Vma v : vmas) {
            target.vmas.add(v.copy());
        }
        target.lastHit = -1;
    }

    /** Removes every VMA (exit, exec). */
    public void clear() {
        vmas.clear();
        lastHit = -1;
    }

    /** Moves the end of {@code vma} (which must be in this list) without overlapping the next VMA. */
    public void resize(Vma vma, long newEnd) {
        int i = vmas.indexOf(vma);
        if (i < 0) {
            throw new IllegalStateException("VMA not in this list");
        }
        if (i + 1 < vmas.size() && newEnd > vmas.get(i + 1).start) {
            throw new IllegalStateException("resize would overlap " + vmas.get(i + 1));
        }
        vma.end = newEnd;
    }

    /** The lowest start of a gap of {@code length} bytes below {@code ceiling}, searching top-down, or -1. */
    public long findGapBelow(long ceiling, long floor, long length) {
        long top = ceiling;
        for (int i = vmas.size() - 1; i >= -1; i--) {
            Vma v = i >= 0 ? vmas.get(i) : null;
            long vend = v == null ? floor : v.end;
            if (v != null && v.start >= top) {
                continue;
            }
            long gapStart = Math.max(vend, floor);
            if (top - gapStart >= length) {
                return top - length;
            }
            if (v == null) {
                break;
            }
            top = Math.min(top, v.start);
            if (top <= floor) {
                break;
            }
        }
        return -1;
    }

    public List<Vma> all() {
        return Collections.unmodifiableList(vmas);
    }

    public int size() {
        return vmas.size();
    }
}
