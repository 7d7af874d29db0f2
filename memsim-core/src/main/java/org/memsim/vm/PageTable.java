package org.memsim.vm;

/**
 * Virtual page number → page-table entry for one address space. An entry packs the frame number
 * and the protection/state bits:
 * <pre>
 *  63            12 11    4  3   2   1   0
 * +----------------+-------+---+---+---+---+
 * |   frame (pfn)  |  --   | D | X | W | R |
 * +----------------+-------+---+---+---+---+   (D = dirty)
 * </pre>
 * Implementations differ in shape and in what the table itself costs in memory.
 */
public interface PageTable {
    /** Returned by {@link #lookup} for an unmapped page. */
    long NOT_PRESENT = -1;

    long READ = 1;
    long WRITE = 2;
    long EXEC = 4;
    long DIRTY = 8;
    int PFN_SHIFT = 12;

    static long entry(long pfn, int prot) {
        return (pfn << PFN_SHIFT) | (prot & 7);
    }

    static long pfn(long entry) {
        return entry >>> PFN_SHIFT;
    }

    /** The entry for {@code vpn}, or {@link #NOT_PRESENT}. */
    long lookup(long vpn);

    /** Installs or replaces the entry for {@code vpn}. */
    void map(long vpn, long entry);

    /** Removes the entry for {@code vpn}; returns it or {@link #NOT_PRESENT}. */
    long unmap(long vpn);

    /** Number of present entries. */
    long present();

    /** Simulated memory the table structure itself occupies, in pages. */
    long tablePages();

    /** Visits every present entry (for munmap of large ranges and for teardown). */
    void forEach(Visitor visitor);

    /** Receives (vpn, entry) pairs. */
    @FunctionalInterface
    interface Visitor {
        void visit(long vpn, long entry);
    }
}
