package org.memsim.event;

/**
 * The canonical one-line text of every event, as the memsim text format ({@code .mst}) writes it
 * and as tests compare streams. Grammar: {@code docs/trace-format.md}.
 */
public final class EventText {
    private EventText() {}

    static StringBuilder hex(StringBuilder sb, long v) {
        return sb.append("0x").append(Long.toHexString(v));
    }

    private static StringBuilder id(StringBuilder sb, long id) {
        return id == EventSink.NULL_ID ? sb.append("null") : sb.append(id);
    }

    private static void addrSite(StringBuilder sb, long address, int site) {
        if (address != EventSink.NO_ADDRESS) {
            hex(sb.append(" addr="), address);
        }
        if (site != EventSink.NONE) {
            sb.append(" site=").append(site);
        }
    }

    public static StringBuilder alloc(StringBuilder sb, long id, long size, long align, long address, int site) {
        sb.append("alloc ").append(id).append(' ').append(size);
        if (align != 0) {
            sb.append(" align=").append(align);
        }
        addrSite(sb, address, site);
        return sb;
    }

    public static StringBuilder calloc(StringBuilder sb, long id, long count, long size, long address, int site) {
        sb.append("calloc ").append(id).append(' ').append(count).append(' ').append(size);
        addrSite(sb, address, site);
        return sb;
    }

    public static StringBuilder realloc(StringBuilder sb, long id, long size, long address, int site) {
        sb.append("realloc ").append(id).append(' ').append(size);
        addrSite(sb, address, site);
        return sb;
    }

    public static StringBuilder free(StringBuilder sb, long id, int site) {
        id(sb.append("free "), id);
        if (site != EventSink.NONE) {
            sb.append(" site=").append(site);
        }
        return sb;
    }

    public static StringBuilder freePointer(StringBuilder sb, long address, int site) {
        hex(sb.append("freeptr "), address);
        if (site != EventSink.NONE) {
            sb.append(" site=").append(site);
        }
        return sb;
    }

    public static StringBuilder access(StringBuilder sb, EventKind kind, long address, int size) {
        hex(sb.append(kind.keyword()).append(' '), address).append(' ').append(size);
        return sb;
    }

    public static StringBuilder blockAccess(StringBuilder sb, EventKind kind, long id, long offset, long size) {
        return sb.append(kind.keyword()).append(' ').append(id).append(' ').append(offset).append(' ').append(size);
    }

    public static StringBuilder brk(StringBuilder sb, long address) {
        return hex(sb.append("brk "), address);
    }

    public static StringBuilder mmap(StringBuilder sb, long address, long length, int prot, int flags, int file, long offset) {
        hex(sb.append("mmap "), address).append(' ').append(length).append(' ')
            .append(Prot.format(prot)).append(' ').append(MapFlags.format(flags));
        if (file != EventSink.NONE) {
            sb.append(" file=").append(file);
        }
        if (offset != 0) {
            sb.append(" offset=").append(offset);
        }
        return sb;
    }

    public static StringBuilder range(StringBuilder sb, EventKind kind, long address, long length) {
        return hex(sb.append(kind.keyword()).append(' '), address).append(' ').append(length);
    }

    public static StringBuilder word(StringBuilder sb, long address, long value) {
        return hex(hex(sb.append("word "), address).append(' '), value);
    }

    public static StringBuilder mprotect(StringBuilder sb, long address, long length, int prot) {
        return range(sb, EventKind.MPROTECT, address, length).append(' ').append(Prot.format(prot));
    }

    public static StringBuilder madvise(StringBuilder sb, long address, long length, int advice) {
        return range(sb, EventKind.MADVISE, address, length).append(' ').append(Advice.format(advice));
    }

    public static StringBuilder newObject(StringBuilder sb, long id, long size, int refSlots, int type, int site) {
        sb.append("new ").append(id).append(' ').append(size).append(' ').append(refSlots);
        if (type != EventSink.NONE) {
            sb.append(" type=").append(type);
        }
        if (site != EventSink.NONE) {
            sb.append(" site=").append(site);
        }
        return sb;
    }

    public static StringBuilder refWrite(StringBuilder sb, long object, int slot, long target) {
        sb.append("ref ").append(object).append(' ').append(slot).append(' ');
        return id(sb, target);
    }

    /** {@code site N frames}, {@code file N path} or {@code type N name}. */
    public static StringBuilder definition(StringBuilder sb, String keyword, int number, String text) {
        return sb.append(keyword).append(' ').append(number).append(' ').append(text);
    }
}
