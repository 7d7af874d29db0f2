package org.memsim.event;

/**
 * The visitor every memsim event travels through: one method per event kind, primitive arguments
 * only, so replaying a trace allocates no object per event (the Agrona/LMAX style).
 *
 * <p>Conventions shared by every producer and consumer:
 * <ul>
 *   <li>Block ids are caller-chosen non-negative longs naming one live allocation (as in CS:APP
 *       malloc-lab traces); {@link #NULL_ID} stands for the C null pointer (a {@code free(NULL)},
 *       or a reference slot set to null).</li>
 *   <li>{@code address} on allocation events is what the real allocator returned when the trace was
 *       recorded, or {@link #NO_ADDRESS} when unknown; simulated allocators choose their own.</li>
 *   <li>{@code site}, {@code file} and {@code type} index side tables announced with
 *       {@link #defineSite}, {@link #defineFile} and {@link #defineType}; 0 means none.</li>
 *   <li>Events belong to the process and thread most recently named by {@link #contextSwitch}
 *       (or {@link #processStart}); a trace that never names one runs as pid 1, tid 1.</li>
 * </ul>
 * Every method has an empty default so a sink implements only what it consumes.
 */
public interface EventSink {
    /** The null pointer / null reference as a block or object id. */
    long NULL_ID = -1L;
    /** An unknown address on an allocation event. */
    long NO_ADDRESS = 0L;
    /** No call site, file or type. */
    int NONE = 0;

    // ---------------------------------------------------------------- allocation family

    /** {@code malloc(size)} (align 0) or an aligned allocation ({@code memalign}, {@code posix_memalign}, {@code aligned_alloc}). */
    default void alloc(long id, long size, long align, long address, int site) {}

    /** {@code calloc(count, size)}: zeroed memory of {@code count * size} bytes. */
    default void calloc(long id, long count, long size, long address, int site) {}

    /** {@code realloc} of block {@code id} to {@code size} bytes; the block keeps its id. */
    default void realloc(long id, long size, long address, int site) {}

    /** {@code free} of block {@code id}; {@link #NULL_ID} is {@code free(NULL)}, a no-op in C. */
    default void free(long id, int site) {}

    /**
     * {@code free(address)} of a pointer that starts no block the trace allocated, live or freed (a
     * pointer into the middle of a block, or one the allocator never returned): what a capture
     * records for an invalid free, which has no block id to name.
     */
    default void freePointer(long address, int site) {}

    // ---------------------------------------------------------------- memory accesses

    /** A data read of {@code size} bytes at a virtual address. */
    default void load(long address, int size) {}

    /** A data write of {@code size} bytes at a virtual address. */
    default void store(long address, int size) {}

    /** A read-modify-write of {@code size} bytes at a virtual address (Lackey's {@code M}). */
    default void modify(long address, int size) {}

    /** An instruction fetch of {@code size} bytes at a virtual address. */
    default void ifetch(long address, int size) {}

    /** A read of {@code size} bytes at {@code offset} inside block {@code id}, wherever the allocator placed it. */
    default void blockLoad(long id, long offset, long size) {}

    /** A write of {@code size} bytes at {@code offset} inside block {@code id}, wherever the allocator placed it. */
    default void blockStore(long id, long offset, long size) {}

    // ---------------------------------------------------------------- kernel calls

    /** {@code brk(address)}: the program asks for its break to be set to {@code address}. */
    default void brk(long address) {}

    /** {@code mmap}; {@code prot} uses {@link Prot} bits, {@code flags} {@link MapFlags} bits. */
    default void mmap(long address, long length, int prot, int flags, int file, long offset) {}

    /** {@code munmap(address, length)}. */
    default void munmap(long address, long length) {}

    /** {@code mprotect(address, length, prot)}. */
    default void mprotect(long address, long length, int prot) {}

    /** {@code madvise(address, length, advice)} with Linux {@link Advice} numbers. */
    default void madvise(long address, long length, int advice) {}

    /** {@code msync(address, length)}: write back dirty file-backed pages. */
    default void msync(long address, long length) {}

    // ---------------------------------------------------------------- processes

    /** A process begins (exec): a fresh address space. */
    default void processStart(int pid) {}

    /** A process ends with an exit status. */
    default void processExit(int pid, int status) {}

    /** {@code fork}: {@code child} gets a copy-on-write copy of {@code parent}'s address space. */
    default void fork(int parentPid, int childPid) {}

    /** The CPU switches to thread {@code tid} of process {@code pid}; following events are theirs. */
    default void contextSwitch(int pid, int tid) {}

    // ---------------------------------------------------------------- managed heap

    /** A managed object of {@code size} bytes with {@code refSlots} reference fields. */
    default void newObject(long id, long size, int refSlots, int type, int site) {}

    /** Reference slot {@code slot} of {@code object} now points at {@code target} ({@link #NULL_ID} for null). */
    default void refWrite(long object, int slot, long target) {}

    /** {@code object} becomes a root (a global, a stack slot, a register). */
    default void rootAdd(long object) {}

    /** {@code object} stops being a root. */
    default void rootRemove(long object) {}

    /** All mutator threads reach a safepoint: a collector may run here. */
    default void safepoint() {}

    // ---------------------------------------------------------------- memory contents

    /**
     * The 8-byte word at {@code address} held {@code value} when the trace was recorded (a capture
     * writes these for pointer-looking words at exit, so a leak checker can tell reachable blocks
     * from lost ones, as memcheck's leak scan does). Not an access: no simulated layer reads memory.
     */
    default void word(long address, long value) {}

    // ---------------------------------------------------------------- side tables and end

    /** Names call site {@code site} (&gt; 0): its frames, innermost first, separated by {@code ';'}. */
    default void defineSite(int site, String frames) {}

    /** Names file {@code file} (&gt; 0) used by {@code mmap}. */
    default void defineFile(int file, String path) {}

    /** Names managed type {@code type} (&gt; 0) used by {@code newObject}. */
    default void defineType(int type, String name) {}

    /** The trace is over: flush, finish, report. Called once by every replay. */
    default void end() {}
}
