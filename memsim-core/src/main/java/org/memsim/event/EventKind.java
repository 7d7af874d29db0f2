package org.memsim.event;

/**
 * Every kind of event in memsim's vocabulary, with the keyword the text format (.mst) uses for it
 * and the group it belongs to. The side-table definitions are not events and have no kind.
 */
public enum EventKind {
    ALLOC("alloc", Group.ALLOCATION),
    CALLOC("calloc", Group.ALLOCATION),
    REALLOC("realloc", Group.ALLOCATION),
    FREE("free", Group.ALLOCATION),
    FREE_POINTER("freeptr", Group.ALLOCATION),
    LOAD("load", Group.ACCESS),
    STORE("store", Group.ACCESS),
    MODIFY("modify", Group.ACCESS),
    IFETCH("ifetch", Group.ACCESS),
    BLOCK_LOAD("bload", Group.ACCESS),
    BLOCK_STORE("bstore", Group.ACCESS),
    BRK("brk", Group.KERNEL),
    MMAP("mmap", Group.KERNEL),
    MUNMAP("munmap", Group.KERNEL),
    MPROTECT("mprotect", Group.KERNEL),
    MADVISE("madvise", Group.KERNEL),
    MSYNC("msync", Group.KERNEL),
    PROCESS_START("start", Group.PROCESS),
    PROCESS_EXIT("exit", Group.PROCESS),
    FORK("fork", Group.PROCESS),
    CONTEXT_SWITCH("switch", Group.PROCESS),
    NEW_OBJECT("new", Group.MANAGED),
    REF_WRITE("ref", Group.MANAGED),
    ROOT_ADD("root", Group.MANAGED),
    ROOT_REMOVE("unroot", Group.MANAGED),
    SAFEPOINT("safepoint", Group.MANAGED),
    WORD("word", Group.SNAPSHOT);

    /** Families of events, for summaries and for formats that express only some of them. */
    public enum Group { ALLOCATION, ACCESS, KERNEL, PROCESS, MANAGED, SNAPSHOT }

    private static final EventKind[] VALUES = values();

    private final String keyword;
    private final Group group;

    EventKind(String keyword, Group group) {
        this.keyword = keyword;
        this.group = group;
    }

    /** The text-format keyword, for example {@code alloc} or {@code bstore}. */
    public String keyword() {
        return keyword;
    }

    public Group group() {
        return group;
    }

    /** The kind with this ordinal, without allocating the {@code values()} array. */
    public static EventKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Number of kinds. */
    public static int count() {
        return VALUES.length;
    }

    /** The kind with this text keyword, or null. */
    public static EventKind ofKeyword(String keyword) {
        for (EventKind k : VALUES) {
            if (k.keyword.equals(keyword)) {
                return k;
            }
        }
        return null;
    }
}
