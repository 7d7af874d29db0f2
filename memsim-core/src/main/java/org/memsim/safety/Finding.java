package org.memsim.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * One memory error, as memcheck prints one error paragraph: what (kind, access), where (event index,
 * address), which block (id, size, allocation and free events with their call sites) and why it is
 * dangerous; repeats of the same error (same kind, block, site and access) only raise {@link #count()}.
 * Findings are rare, so this is an ordinary object at the edge of the hot path.
 */
public final class Finding {
    /** No block, event or site. */
    public static final long NONE = -1;

    private final FindingKind kind;
    private final long event;
    private final long address;
    private final String what;
    private final String access;
    private final long accessSize;
    private final long blockId;
    private final long blockSize;
    private final long allocEvent;
    private final long freeEvent;
    private final int allocSite;
    private final int freeSite;
    private final int site;
    private String why;
    private String classification;
    private long count = 1;
    private int pid;
    private final List<String> effects = new ArrayList<>();

    Finding(FindingKind kind, long event, long address, String what, String access, long accessSize, Block block, int site) {
        this.kind = kind;
        this.event = event;
        this.address = address;
        this.what = what;
        this.access = access;
        this.accessSize = accessSize;
        this.site = site;
        if (block == null) {
            blockId = NONE;
            blockSize = NONE;
            allocEvent = NONE;
            freeEvent = NONE;
            allocSite = 0;
            freeSite = 0;
        } else {
            blockId = block.id();
            blockSize = block.size();
            allocEvent = block.allocEvent();
            freeEvent = block.freeEvent();
            allocSite = block.allocSite();
            freeSite = block.freeSite();
        }
    }

    /** A block as findings describe it: the checker's view at the moment of the error. */
    record Block(long id, long size, long allocEvent, long freeEvent, int allocSite, int freeSite) {}

    public FindingKind kind() { return kind; }
    /** Index of the event (0-based, as the replay counts them) of the first occurrence. */
    public long event() { return event; }
    public long address() { return address; }
    /** The error in one line, memcheck-style ("Invalid write of size 8: 8 bytes after the end of a 24-byte block"). */
    public String what() { return what; }
    /** {@code read}, {@code write}, or null for frees and leaks. */
    public String access() { return access; }
    public long accessSize() { return accessSize; }
    public boolean hasBlock() { return blockId != NONE || allocEvent != NONE; }
    public long blockId() { return blockId; }
    public long blockSize() { return blockSize; }
    public long allocEvent() { return allocEvent; }
    /** The event that freed the block, or -1. */
    public long freeEvent() { return freeEvent; }
    public int allocSite() { return allocSite; }
    public int freeSite() { return freeSite; }
    /** The call site of the erroneous event itself (frees carry one), or 0. */
    public int site() { return site; }
    /** Why it is dangerous, in one line. */
    public String why() { return why; }
    /** For leaks: definitely lost, indirectly lost, possibly lost, or unknown (no pointer snapshots). */
    public String classification() { return classification; }
    /** Occurrences folded into this finding. */
    public long count() { return count; }
    /** The process whose heap it is (1 for a trace that names none). */
    public int pid() { return pid; }
    /** What the error did to the simulated allocator's state (ptmalloc), in order. */
    public List<String> effects() { return effects; }

    void why(String why) { this.why = why; }
    void classification(String c) { this.classification = c; }
    void again() { count++; }
    Finding pid(int p) { this.pid = p; return this; }
    void effect(String e) { effects.add(e); }

    /** The de-duplication key: kind, block, site and access. */
    String key() {
        return pid + "|" + kind.json() + '|' + (hasBlock() ? allocEvent + "|" + blockId : "@" + address) + '|' + site + '|' + access
            + (kind == FindingKind.LEAK ? "|" + address : "");
    }
}
