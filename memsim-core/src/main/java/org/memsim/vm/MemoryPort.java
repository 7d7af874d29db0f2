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

    /** Convenience for a read. */
    default boolean read(long address, long size) {
        return access(address, size, AccessType.READ);
    }

    /** Convenience for a write. */
    default boolean write(long address, long size) {
        return access(address, size, AccessType.WRITE);
    }
}
