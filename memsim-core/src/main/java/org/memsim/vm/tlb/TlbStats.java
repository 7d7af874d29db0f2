package org.memsim.vm.tlb;

/** What the TLBs and the page-walk cache did, as plain counters (read by gauges and reports). */
public final class TlbStats {
    /** Translations looked up. */
    public long lookups;
    /** Hits in a first-level TLB (L1 instruction or data, any page size). */
    public long l1Hits;
    /** Hits in the second-level TLB. */
    public long l2Hits;
    /** Misses at every level: each costs a page walk. */
    public long misses;
    /** Page-table entries read from memory by walks. */
    public long walkReads;
    /** Upper-level entries found in the page-walk cache. */
    public long pwcHits;
    /** Full TLB flushes (context switches without ASIDs, large unmaps). */
    public long flushes;
    /** Single-page invalidations (INVLPG). */
    public long invalidations;
    /** Context switches that kept the TLB because entries carry ASID tags. */
    public long asidSwitches;
    /** ASIDs taken from another address space because all were in use (its entries flushed). */
    public long asidRecycles;
}
