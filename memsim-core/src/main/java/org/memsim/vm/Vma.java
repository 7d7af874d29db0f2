package org.memsim.vm;

import org.memsim.event.Prot;

/**
 * A virtual memory area: the half-open range {@code [start, end)} with one protection and one
 * backing, like a Linux {@code vm_area_struct}. VMAs are few (tens to thousands), so they are
 * objects; pages inside them are not. {@code vmFlags} keeps the kernel's own bits that change after
 * mmap ({@code VM_HUGEPAGE}/{@code VM_NOHUGEPAGE} from madvise, {@code VM_ACCOUNT} when the range
 * is charged to the committed-memory total).
 */
public final class Vma {
    /** madvise(MADV_HUGEPAGE): transparent huge pages wanted (thp=madvise). */
    public static final int VM_HUGEPAGE = 1;
    /** madvise(MADV_NOHUGEPAGE): never transparent huge pages here. */
    public static final int VM_NOHUGEPAGE = 2;
    /** The range is charged to Committed_AS (overcommit accounting). */
    public static final int VM_ACCOUNT = 4;

    long start;
    long end;
    int prot;
    int vmFlags;
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

    /** Changes the protection of the whole VMA (callers split first: {@link VmaList#modify}). */
    public void setProt(int prot) {
        this.prot = prot;
    }

    public int vmFlags() {
        return vmFlags;
    }

    public void setVmFlags(int vmFlags) {
        this.vmFlags = vmFlags;
    }

    public boolean shared() {
        return (flags & org.memsim.event.MapFlags.SHARED) != 0;
    }

    /** Whether writes go to private copies: a private mapping (anonymous or file). */
    public boolean privateWritable() {
        return !shared() && (prot & Prot.WRITE) != 0;
    }

    /** For a MAP_HUGETLB mapping, log2 of its page size (21 for 2 MiB unless the flags name another); else 0. */
    public int hugetlbShift() {
        if ((flags & org.memsim.event.MapFlags.HUGETLB) == 0) {
            return 0;
        }
        int shift = (flags >>> 26) & 0x3f; // MAP_HUGE_SHIFT
        return shift == 0 ? 21 : shift;
    }

    /** A copy of the part {@code [from, to)} of this VMA. */
    Vma slice(long from, long to) {
        long off = file != 0 ? fileOffset + (from - start) : 0;
        Vma v = new Vma(from, to, prot, flags, kind, file, off);
        v.vmFlags = vmFlags;
        return v;
    }

    /** An identical VMA for another address space (fork); an empty heap stays empty. */
    public Vma copy() {
        Vma v = slice(start, Math.max(end, start + 1));
        v.end = end;
        return v;
    }

    @Override
    public String toString() {
        return Addresses.hex(start) + "-" + Addresses.hex(end) + " " + Prot.format(prot) + " " + kind.label();
    }
}
