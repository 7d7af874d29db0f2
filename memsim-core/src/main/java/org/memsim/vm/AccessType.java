package org.memsim.vm;

/** Kinds of memory access, as bits matching the page-table protection bits they need. */
public final class AccessType {
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;

    private AccessType() {}

    public static String name(int accessType) {
        switch (accessType) {
            case READ: return "read";
            case WRITE: return "write";
            case EXEC: return "execute";
            default: return "access";
        }
    }
}
