package org.memsim.kernel;

/**
 * Where a process's segments sit, x86-64 Linux with address-space randomisation off (as under gdb):
 * a PIE executable at {@code 0x555555554000}, the heap right after bss, mmap regions allocated
 * top-down below {@code 0x7ffff7fff000}, the stack ending at {@code 0x7ffffffff000} with an
 * 8 MiB limit (the default {@code ulimit -s}).
 */
public record ProcessLayout(long textStart, long textSize, long dataSize, long bssSize, long heapStart,
                            long mmapBase, long stackTop, long stackInitial, long stackLimit) {

    /** The defaults described above. */
    public static ProcessLayout linuxDefault() {
        return new ProcessLayout(0x555555554000L, 0x2000, 0x1000, 0x1000, 0x555555559000L,
            0x7ffff7fff000L, 0x7ffffffff000L, 0x21000, 8L << 20);
    }

    /**
     * The same layout for pages of {@code pageSize} (16 KiB on Apple Silicon): segment sizes rounded up
     * to whole pages, the heap start rounded up, the mmap base and the stack top rounded down.
     */
    public ProcessLayout forPageSize(long pageSize) {
        long text = align(textSize, pageSize);
        long data = align(dataSize, pageSize);
        long bss = align(bssSize, pageSize);
        long heap = Math.max(align(heapStart, pageSize), textStart + text + data + bss);
        return new ProcessLayout(textStart & -pageSize, text, data, bss, heap, mmapBase & -pageSize, stackTop & -pageSize,
            align(stackInitial, pageSize), stackLimit);
    }

    private static long align(long v, long a) {
        return (v + a - 1) & -a;
    }

    public long dataStart() {
        return textStart + textSize;
    }

    public long bssStart() {
        return dataStart() + dataSize;
    }

    /** Lowest address the stack may grow down to. */
    public long stackFloor() {
        return stackTop - stackLimit;
    }
}
