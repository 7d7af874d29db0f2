package org.memsim.kernel;

/**
 * Linux's overcommit accounting ({@code mm/util.c}, {@code __vm_enough_memory}; Documentation/mm/
 * overcommit-accounting.rst): every private writable mapping, the heap, stack growth and shared
 * anonymous memory are charged to {@code Committed_AS} when created. Mode 0 (heuristic) refuses one
 * request larger than RAM + swap; mode 1 (always) never refuses; mode 2 (never) refuses when the
 * total would reach {@code CommitLimit = RAM × overcommit_ratio / 100 + swap}. memsim does not
 * subtract the admin and user reserves Linux keeps back in mode 2 (as if every process were root
 * and small).
 */
final class Overcommit {
    private final int mode;
    private final long ramPages;
    private final long swapPages;
    private final long ratio;
    private long committed;
    private long refusals;

    Overcommit(int mode, long ratio, long ramPages, long swapPages) {
        this.mode = mode;
        this.ratio = ratio;
        this.ramPages = ramPages;
        this.swapPages = swapPages;
    }

    int mode() {
        return mode;
    }

    /** CommitLimit in pages: RAM × ratio / 100 + swap. */
    long limitPages() {
        return ramPages * ratio / 100 + swapPages;
    }

    /** Charges {@code pages}; false (and nothing charged) when the mode refuses. */
    boolean charge(long pages) {
        if (pages <= 0) {
            return true;
        }
        switch (mode) {
            case 0:
                if (pages > ramPages + swapPages) {
                    refusals++;
                    return false;
                }
                break;
            case 2:
                if (committed + pages >= limitPages()) {
                    refusals++;
                    return false;
                }
                break;
            default:
                break;
        }
        committed += pages;
        return true;
    }

    void uncharge(long pages) {
        committed -= pages;
    }

    long committedPages() {
        return committed;
    }

    long refusals() {
        return refusals;
    }

    /** Whether MAP_NORESERVE exempts a mapping from accounting: in modes 0 and 1, not in mode 2. */
    boolean honoursNoReserve() {
        return mode != 2;
    }
}
