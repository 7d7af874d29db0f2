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
