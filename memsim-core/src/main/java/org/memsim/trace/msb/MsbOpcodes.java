package org.memsim.trace.msb;

/**
 * The constants of memsim's binary trace format ({@code .msb}, specified byte by byte in
 * {@code docs/formats/msb.md}): header, opcodes, flag bits, limits, and each record's field list,
 * which the reader walks to explain malformed records.
 */
final class MsbOpcodes {
    private MsbOpcodes() {}

    /** Bytes 0–3: {@code 89 4D 53 42} ({@code \x89MSB}); 0x89 is neither ASCII, a UTF-8 lead byte, nor zstd/gzip. */
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'S', 'B'};
    /** Byte 4: the format version this code reads and writes. */
    static final int VERSION = 1;
    /** Byte 5: header flags; version 1 defines none, so it must be 0. */
    static final int HEADER_FLAGS = 0;
    static final int HEADER_LENGTH = 6;

    /** Longest UTF-8 text a definition record may carry. */
    static final int MAX_TEXT_BYTES = 1 << 20;
    /** Upper bound on the length of any record without text (the longest, alloc or mmap with every option, is 46). */
    static final int MAX_RECORD = 64;

    // ---- opcodes without flag bits
    static final int TRAILER = 0x01;
    static final int DEFINE_SITE = 0x02;
    static final int DEFINE_FILE = 0x03;
    static final int DEFINE_TYPE = 0x04;
    static final int BRK = 0x05;
    static final int MUNMAP = 0x06;
    static final int MPROTECT = 0x07;
    static final int MADVISE = 0x08;
    static final int MSYNC = 0x09;
    static final int PROCESS_START = 0x0A;
    static final int PROCESS_EXIT = 0x0B;
    static final int FORK = 0x0C;
    static final int CONTEXT_SWITCH = 0x0D;
    static final int SAFEPOINT = 0x0E;
    /** word: address as a delta from the previous word's, then the value. */
    static final int WORD = 0x0F;

    // ---- opcodes with option flags in their low bits
    /** alloc: + {@link #ALLOC_ALIGN}, {@link #ALLOC_ADDRESS}, {@link #ALLOC_SITE}. */
    static final int ALLOC = 0x10;
    static final int ALLOC_ALIGN = 1;
    static final int ALLOC_ADDRESS = 2;
    static final int ALLOC_SITE = 4;
    /** calloc and realloc: + {@link #OPT_ADDRESS}, {@link #OPT_SITE}. */
    static final int CALLOC = 0x18;
    static final int REALLOC = 0x1C;
    static final int OPT_ADDRESS = 1;
    static final int OPT_SITE = 2;
    /** free: + {@link #FREE_SITE}. */
    static final int FREE = 0x20;
    static final int FREE_SITE = 1;
    /** freeptr: + {@link #FREE_SITE}; the address as a delta from the previous freeptr's. */
    static final int FREE_POINTER = 0x30;
    static final int BLOCK_LOAD = 0x22;
    static final int BLOCK_STORE = 0x23;
    /** mmap: + {@link #MMAP_FILE}, {@link #MMAP_OFFSET}. */
    static final int MMAP = 0x24;
    static final int MMAP_FILE = 1;
    static final int MMAP_OFFSET = 2;
    /** newObject: + {@link #NEW_TYPE}, {@link #NEW_SITE}. */
    static final int NEW_OBJECT = 0x28;
    static final int NEW_TYPE = 1;
    static final int NEW_SITE = 2;
    static final int REF_WRITE = 0x2C;
    static final int REF_WRITE_NULL = 0x2D;
    static final int ROOT_ADD = 0x2E;
    static final int ROOT_REMOVE = 0x2F;

    // ---- access opcodes: high nibble is the kind, low nibble the size code
    /** ifetch at the predicted address plus a delta; low nibble = size 1..15, 0 = size follows. */
    static final int IFETCH = 0x40;
    /** ifetch exactly at the predicted address (the end of the previous fetch); no delta. */
    static final int IFETCH_NEXT = 0x50;
    /** load/store/modify; low nibble c = size 1 << (c - 1) for c in 1..15, 0 = size follows. */
    static final int LOAD = 0x80;
    static final int STORE = 0x90;
    static final int MODIFY = 0xA0;

    // ---- field kinds of the record schema
    /** LEB128 unsigned 64-bit. */
    static final byte U64 = 1;
    /** LEB128 of a zigzag-coded signed 64-bit value (a delta). */
    static final byte Z64 = 2;
    /** LEB128 unsigned 32-bit (at most 5 bytes). */
    static final byte U32 = 3;
    /** LEB128 of a zigzag-coded signed 32-bit value. */
    static final byte Z32 = 4;
    /** U64 byte length (at most {@link #MAX_TEXT_BYTES}) then that many bytes of UTF-8. */
    static final byte TEXT = 5;

    private static final String[] NAMES = new String[256];
    private static final byte[][] KINDS = new byte[256][];
    private static final String[][] FIELDS = new String[256][];

    static {
        def(TRAILER, "trailer", U64, "event count");
        def(DEFINE_SITE, "site definition", U32, "site number", TEXT, "frames text");
        def(DEFINE_FILE, "file definition", U32, "file number", TEXT, "path text");
        def(DEFINE_TYPE, "type definition", U32, "type number", TEXT, "name text");
        def(BRK, "brk", Z64, "address delta");
        def(MUNMAP, "munmap", Z64, "address delta", U64, "length");
        def(MPROTECT, "mprotect", Z64, "address delta", U64, "length", U32, "protection");
        def(MADVISE, "madvise", Z64, "address delta", U64, "length", U32, "advice");
        def(MSYNC, "msync", Z64, "address delta", U64, "length");
        def(PROCESS_START, "start", U32, "pid");
        def(PROCESS_EXIT, "exit", U32, "pid", Z32, "exit status");
        def(FORK, "fork", U32, "parent pid", U32, "child pid");
        def(CONTEXT_SWITCH, "switch", U32, "pid", U32, "tid");
        def(SAFEPOINT, "safepoint");
        def(WORD, "word", Z64, "address delta", U64, "value");
        for (int f = 0; f < 2; f++) {
            def(FREE_POINTER | f, "freeptr", Z64, "address delta", (f & FREE_SITE) != 0 ? U32 : 0, "site");
        }
        for (int f = 0; f < 8; f++) {
            def(ALLOC | f, "alloc", Z64, "id delta", U64, "size",
                (f & ALLOC_ALIGN) != 0 ? U64 : 0, "alignment",
                (f & ALLOC_ADDRESS) != 0 ? Z64 : 0, "address delta",
                (f & ALLOC_SITE) != 0 ? U32 : 0, "site");
        }
        for (int f = 0; f < 4; f++) {
            def(CALLOC | f, "calloc", Z64, "id delta", U64, "count", U64, "size",
                (f & OPT_ADDRESS) != 0 ? Z64 : 0, "address delta", (f & OPT_SITE) != 0 ? U32 : 0, "site");
            def(REALLOC | f, "realloc", Z64, "id delta", U64, "size",
                (f & OPT_ADDRESS) != 0 ? Z64 : 0, "address delta", (f & OPT_SITE) != 0 ? U32 : 0, "site");
            def(MMAP | f, "mmap", Z64, "address delta", U64, "length", U32, "protection", U32, "flags",
                (f & MMAP_FILE) != 0 ? U32 : 0, "file", (f & MMAP_OFFSET) != 0 ? U64 : 0, "file offset");
            def(NEW_OBJECT | f, "new", Z64, "id delta", U64, "size", U32, "reference slots",
                (f & NEW_TYPE) != 0 ? U32 : 0, "type", (f & NEW_SITE) != 0 ? U32 : 0, "site");
        }
        def(FREE, "free", Z64, "id delta");
        def(FREE | FREE_SITE, "free", Z64, "id delta", U32, "site");
        def(BLOCK_LOAD, "bload", Z64, "id delta", U64, "offset", U64, "size");
        def(BLOCK_STORE, "bstore", Z64, "id delta", U64, "offset", U64, "size");
        def(REF_WRITE, "ref", Z64, "object id delta", U32, "slot", Z64, "target delta");
        def(REF_WRITE_NULL, "ref", Z64, "object id delta", U32, "slot");
        def(ROOT_ADD, "root", Z64, "object id delta");
        def(ROOT_REMOVE, "unroot", Z64, "object id delta");
        for (int c = 0; c < 16; c++) {
            def(IFETCH | c, "ifetch", Z64, "address delta", c == 0 ? U32 : 0, "size");
            def(IFETCH_NEXT | c, "ifetch", c == 0 ? U32 : 0, "size");
            def(LOAD | c, "load", Z64, "address delta", c == 0 ? U32 : 0, "size");
            def(STORE | c, "store", Z64, "address delta", c == 0 ? U32 : 0, "size");
            def(MODIFY | c, "modify", Z64, "address delta", c == 0 ? U32 : 0, "size");
        }
    }

    /** Pairs of (kind, field name); a kind of 0 leaves the field out. */
    private static void def(int op, String name, Object... kindsAndNames) {
        if (NAMES[op] != null) {
            throw new AssertionError("opcode defined twice: " + op);
        }
        int n = 0;
        for (int i = 0; i < kindsAndNames.length; i += 2) {
            if (((Number) kindsAndNames[i]).byteValue() != 0) {
                n++;
            }
        }
        byte[] kinds = new byte[n];
        String[] fields = new String[n];
        n = 0;
        for (int i = 0; i < kindsAndNames.length; i += 2) {
            byte k = ((Number) kindsAndNames[i]).byteValue();
            if (k != 0) {
                kinds[n] = k;
                fields[n++] = (String) kindsAndNames[i + 1];
            }
        }
        NAMES[op] = name;
        KINDS[op] = kinds;
        FIELDS[op] = fields;
    }

    /** The event or record name of an opcode ({@code alloc}, {@code trailer}), or null if unassigned. */
    static String name(int op) {
        return NAMES[op];
    }

    /** The field kinds that follow the opcode, in order; null if unassigned. */
    static byte[] kinds(int op) {
        return KINDS[op];
    }

    /** The field names, parallel to {@link #kinds}. */
    static String[] fields(int op) {
        return FIELDS[op];
    }
}
