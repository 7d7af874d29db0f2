package org.memsim.vm;

/**
 * How layers above the MMU touch memory: an allocator writing a chunk header, a runtime storing
 * into a block. Every touch is translated, may fault, and is charged.
 */
public interface MemoryPort {
    /**
     * Touches {@code size} bytes at {@code address}.
     *
     * @return true if the access completed; false if the process was killed (SIGSEGV, OOM)
     */
    boolean access(long address, long size, int accessType);

    /**
     * Two accesses of {@code size} bytes and one type, at {@code first} then at {@code second}
     * (a block's header and footer): exactly {@code access(first, ...)}, then
     * {@code access(second, ...)} whatever the first returned, as two separate calls would be.
     * An MMU may serve both with one translation when that changes nothing.
     *
     * @return true if both accesses completed; false if either did not (the process was killed)
     */
    default boolean accessPair(long first, long second, long size, int accessType) {
        boolean done = access(first, size, accessType);
        return access(second, size, accessType) && done;
    }

    /**
     * Two pairs of accesses of {@code size} bytes: {@code accessPair(a1, a2, size, typeA)}, then
     * {@code accessPair(b1, b2, size, typeB)} whatever the first returned (a block's tags written,
     * then its neighbours' read; or the tags of a block and of the remainder split from it).
     *
     * @return true if all four accesses completed
     */
    default boolean accessTwoPairs(long a1, long a2, int typeA, long b1, long b2, int typeB, long size) {
        boolean done = accessPair(a1, a2, size, typeA);
        return accessPair(b1, b2, size, typeB) && done;
    }

    /** Convenience for a read. */
    default boolean read(long address, long size) {
        return access(address, size, AccessType.READ);
    }

    /** Convenience for a write. */
    default boolean write(long address, long size) {
        return access(address, size, AccessType.WRITE);
    }
}
