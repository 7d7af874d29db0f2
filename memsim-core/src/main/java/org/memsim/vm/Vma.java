package org.memsim.vm;

import org.memsim.event.Prot;

/**
 * A virtual memory area: the half-open range {@code [start, end)} with one protection and one
 * backing, like a Linux {@code vm_area_struct}. VMAs are few (tens to thousands), so they are
 * objects; pages inside them are not.
 */
public final class Vma {
    long start;
    long end;
    int prot;
    final int flags;
    final VmaKind kind;
    final int file;
    final long fileOffset;

    public Vma(long start, long end, int prot, int flags, VmaKind kind, int file, long fileOffset) {
        if (end <= start) {
            throw new IllegalArgumentException("empty VMA");
        }
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.flags = flags;
        this.kind = kind;
        this.file = file;
        this.fileOffset = fileOffset;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public long length() {
        return end - start;
    }

    public int prot() {
        return prot;
    }

    public int flags() {
        return flags;
    }

    public VmaKind kind() {
        return kind;
    }

    public int file() {
        return file;
    }

    public long fileOffset() {
        return fileOffset;
    }

    public boolean contains(long address) {
        return address >= start && address < end;
    }

    /** A copy of the part {@code [from, to)} of this VMA. */
    Vma slice(long from, long to) {
        long off = kind == VmaKind.FILE ? fileOffset + (from - start) : 0;
        return new Vma(from, to, prot, flags, kind, file, off);
    }

    @Override
    public String toString() {
        return Addresses.hex(start) + "-" + Addresses.hex(end) + " " + Prot.format(prot) + " " + kind.label();
    }
}
