package org.memsim.gc.model;

import java.util.List;

/**
 * C and Rust: values carry no header and ints are not boxed; heap data goes through glibc
 * {@code malloc}, whose chunks are the request plus an 8-byte size field rounded up to 16, at least
 * 32 bytes ({@code request2size} in glibc 2.36 {@code malloc.c}); requests of at least the 128 KiB
 * mmap threshold get their own mapping: the request plus 16 bytes, rounded to 4 KiB pages. {@code c}: strings are
 * NUL-terminated {@code char} arrays, lists are arrays grown by doubling with {@code realloc}.
 * {@code rust}: {@code String} and {@code Vec} are a 24-byte (pointer, capacity, length) value plus
 * the heap buffer; {@code Vec::push} grows to max(4, 2 × capacity) for 8-byte elements.
 */
public final class NativeModel implements ObjectModel {
    /** glibc's default {@code M_MMAP_THRESHOLD}. */
    static final long MMAP_THRESHOLD = 128 << 10;
    private final boolean rust;

    public NativeModel(boolean rust) {
        this.rust = rust;
    }

    @Override
    public String name() {
        return rust ? "rust" : "c";
    }

    @Override
    public List<String> kinds() {
        return List.of("int:VALUE", "float", "str:LENGTH", "list:N", "list-appended:N", "instance-slots:N (struct of N pointers, boxed)",
            "list-of-int:N", "array:DTYPE:N");
    }

    /** glibc's chunk size for a request of {@code n} bytes (0 for no allocation). */
    public static long chunk(long n) {
        if (n == 0) {
            return 0;
        }
        if (n >= MMAP_THRESHOLD) {
            return ObjectModel.align(n + 16, 4096);
        }
        return Math.max(32, ObjectModel.align(n + 8, 16));
    }

    @Override
    public long sizeOf(SizeSpec s) {
        long vec = rust ? 24 : 0;
        switch (s.kind()) {
            case "int": case "float": return 8;
            case "str": return rust ? 24 + chunk(s.count()) : chunk(s.count() + 1);
            case "list": case "list-of-int": return vec + chunk(8 * s.count());
            case "list-appended": return vec + chunk(8 * appendedCapacity(s.count()));
            case "instance-slots": return chunk(8 * s.count());
            case "array": return vec + chunk(SizeSpec.itemSize(s) * s.count());
            default: throw unsupported(s);
        }
    }

    /** Capacity after {@code n} pushes: 4 at the first, then doubling (Rust RawVec; the usual C idiom). */
    static long appendedCapacity(long n) {
        long cap = 0;
        while (cap < n) {
            cap = cap == 0 ? 4 : cap * 2;
        }
        return cap;
    }
}
