package org.memsim.trace.msb;

import static org.memsim.trace.msb.MsbOpcodes.*;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.memsim.event.EventSink;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceReader;

/**
 * Reads memsim's binary trace format ({@code .msb}, {@code docs/formats/msb.md}). Decodes straight
 * from a large byte buffer refilled from the stream: the access records (ifetch, load, store,
 * modify) are decoded inline in one loop with locals, plain mallocs and frees by a small method of
 * their own the same way; everything else goes through a slower path.
 * Allocates nothing per event.
 */
public final class MsbReader implements TraceReader {
    /** Bytes requested from the stream per refill. */
    private static final int CHUNK = 1 << 16;
    /**
     * Slack after the data, filled with 0x80 at the end of the stream: every varint that runs off
     * the end then keeps "continuing" until it is too long, so a cut record is never delivered.
     */
    private static final int PAD = MAX_RECORD;
    private static final byte CONTINUE = (byte) 0x80;

    /** Eight bytes at once, least significant first, as LEB128 stores them. */
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The continuation bit of each of eight bytes. */
    private static final long STOP_BITS = 0x8080_8080_8080_8080L;

    private final InputStream in;
    private final String source;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private byte[] buf = new byte[CHUNK + PAD];
    /** Next byte to decode, relative to {@link #base}. */
    private int p;
    /** End of valid data in {@link #buf}. */
    private int limit;
    /** The loop may decode a record starting at or before this index without refilling. */
    private int fastEnd = -1;
    /** Absolute stream offset of {@code buf[0]}. */
    private long base;
    private boolean eof;
    /** Start of the record being (or last) decoded, relative to {@link #base}. */
    private int recordStart;
    private boolean started;

    // predictors of the slow path, mirrored exactly by MsbWriter (the fetch and data ones live in replay's locals)
    private long allocAddress;
    private long mapAddress;
    private long brkAddress;
    private long blockId;
    private long objectId;
    private long wordAddress;
    private long freePointer;

    public MsbReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public String position() {
        return "byte " + (base + recordStart);
    }

    /** Bytes taken from the stream so far (after a complete replay: the stream's length). */
    @Override
    public long bytesRead() {
        return base + limit;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---------------------------------------------------------------- the loop

    @Override
    public long replay(EventSink sink) throws IOException {
        if (started) {
            throw new IllegalStateException("an msb reader replays its stream once");
        }
        started = true;
        readHeader();
        long events = 0;
        byte[] b = buf;
        int p = this.p;
        int fastEnd = this.fastEnd;
        long ifetchNext = 0; // predicted address of the next instruction fetch: the end of the last one
        long dataAddress = 0; // the last data access address
        while (true) {
            if (p > fastEnd) {
                this.p = p;
                recordStart = p;
                fill(MAX_RECORD);
                p = this.p;
                if (p >= limit) {
                    recordStart = p;
                    throw error(base + p, "the stream ends without a trailer record (opcode 0x01 with the event count): "
                        + "the file is truncated or its writer was not closed");
                }
                b = buf;
                fastEnd = this.fastEnd;
            }
            recordStart = p;
            int op = b[p++] & 0xFF;
            // Branches, not a switch: for a switch C2 peels the most frequent cases into a compare
            // chain, which mispredicts more on mixed access streams than this tree, whose first test
            // splits fetches from data accesses (measured in docs/formats/msb.md, "Reader performance").
            if ((op & 0xE0) == IFETCH) {
                if ((op & 0x10) != 0) { // IFETCH_NEXT: at the predicted address, nothing follows but a rare size
                    int size = op & 0xF;
                    if (size == 0) {
                        this.p = p;
                        size = u32();
                        p = this.p;
                    }
                    sink.ifetch(ifetchNext, size);
                    ifetchNext += size;
                } else { // IFETCH: predicted address + delta
                    long w = (long) LONG_LE.get(b, p);
                    long stops = ~w & STOP_BITS;
                    long v;
                    if (stops != 0) {
                        p += (Long.numberOfTrailingZeros(stops) + 1) >>> 3;
                        v = compact(w & (stops ^ (stops - 1)));
                    } else {
                        this.p = p;
                        v = u64();
                        p = this.p;
                    }
                    long address = ifetchNext + ((v >>> 1) ^ -(v & 1));
                    int size = op & 0xF;
                    if (size == 0) {
                        this.p = p;
                        size = u32();
                        p = this.p;
                    }
                    sink.ifetch(address, size);
                    ifetchNext = address + size;
                }
                events++;
            } else if (op >= LOAD && op < MODIFY + 0x10) { // load, store, modify: delta, then a rare size
                long w = (long) LONG_LE.get(b, p);
                long stops = ~w & STOP_BITS;
                long v;
                if (stops != 0) {
                    p += (Long.numberOfTrailingZeros(stops) + 1) >>> 3;
                    v = compact(w & (stops ^ (stops - 1)));
                } else {
                    this.p = p;
                    v = u64();
                    p = this.p;
                }
                dataAddress += (v >>> 1) ^ -(v & 1);
                int c = op & 0xF;
                int size = 1 << (c - 1);
                if (c == 0) {
                    this.p = p;
                    size = u32();
                    p = this.p;
                }
                if (op < STORE) {
                    sink.load(dataAddress, size);
                } else if (op < MODIFY) {
                    sink.store(dataAddress, size);
                } else {
                    sink.modify(dataAddress, size);
                }
                events++;
            } else if (op < IFETCH) {
                int next; // ALLOC or FREE without flags: decoded out of line, so this loop stays as small as it was for accesses
                if (((op - ALLOC) & ~(FREE - ALLOC)) == 0 && (next = plainAllocOrFree(op, b, p, sink)) != 0) {
                    p = next;
                    events++;
                    continue;
                }
                this.p = p;
                if (op == TRAILER) {
                    finish(events);
                    return events;
                }
                events += other(op, sink);
                p = this.p;
                b = buf;
                fastEnd = this.fastEnd;
            } else {
                throw diagnose();
            }
        }
    }

    /**
     * Decodes a plain malloc (block-id delta, size) or free (block-id delta), the opcode at
     * {@code p - 1}, when its varints all end within the next 8 bytes (nearly all), from that one
     * load like an access record: the first stop bit ends the id delta; for an alloc the second ends
     * the size. Sends the event and returns the index after the record; 0 (nothing sent) otherwise.
     */
    private int plainAllocOrFree(int op, byte[] b, int p, EventSink sink) {
        long w = (long) LONG_LE.get(b, p);
        long end = plainEnd(op, w);
        if (end == 0) {
            return 0;
        }
        long stops = ~w & STOP_BITS;
        int idBytes = (Long.numberOfTrailingZeros(stops) + 1) >>> 3;
        long v = compact(w & (stops ^ (stops - 1)));
        long id = blockId + ((v >>> 1) ^ -(v & 1));
        if (id != EventSink.NULL_ID) {
            blockId = id;
        }
        int next = p + ((Long.numberOfTrailingZeros(end) + 1) >>> 3);
        if (op == ALLOC) {
            sink.alloc(id, compact((w & (end ^ (end - 1))) >>> (idBytes << 3)), 0, EventSink.NO_ADDRESS, EventSink.NONE);
        } else {
            sink.free(id, EventSink.NONE);
        }
        return next;
    }

    /**
     * The stop bit (bit 7 of a byte of {@code w}, the 8 bytes after the opcode) that ends a plain
     * {@code ALLOC} record (the lowest but one: id delta, then size) or {@code FREE} record (the
     * lowest: id delta only), with any later stop bits; 0 when the record runs past those 8 bytes.
     */
    private static long plainEnd(int op, long w) {
        long stops = ~w & STOP_BITS;
        return op == ALLOC ? stops & (stops - 1) : stops;
    }

    /** Every record but the access ones; returns 1 for an event, 0 for a definition. */
    private int other(int op, EventSink sink) throws IOException {
        switch (op) {
            case DEFINE_SITE: {
                int number = u32();
                sink.defineSite(number, text());
                return 0;
            }
            case DEFINE_FILE: {
                int number = u32();
                sink.defineFile(number, text());
                return 0;
            }
            case DEFINE_TYPE: {
                int number = u32();
                sink.defineType(number, text());
                return 0;
            }
            case BRK:
                brkAddress += z64();
                sink.brk(brkAddress);
                return 1;
            case MUNMAP: {
                long a = mapAddress();
                sink.munmap(a, u64());
                return 1;
            }
            case MPROTECT: {
                long a = mapAddress();
                long length = u64();
                sink.mprotect(a, length, u32());
                return 1;
            }
            case MADVISE: {
                long a = mapAddress();
                long length = u64();
                sink.madvise(a, length, u32());
                return 1;
            }
            case MSYNC: {
                long a = mapAddress();
                sink.msync(a, u64());
                return 1;
            }
            case PROCESS_START:
                sink.processStart(u32());
                return 1;
            case PROCESS_EXIT: {
                int pid = u32();
                int v = u32();
                sink.processExit(pid, (v >>> 1) ^ -(v & 1));
                return 1;
            }
            case FORK: {
                int parent = u32();
                sink.fork(parent, u32());
                return 1;
            }
            case CONTEXT_SWITCH: {
                int pid = u32();
                sink.contextSwitch(pid, u32());
                return 1;
            }
            case WORD: {
                wordAddress += z64();
                sink.word(wordAddress, u64());
                return 1;
            }
            case SAFEPOINT:
                sink.safepoint();
                return 1;
            case ALLOC: case ALLOC + 1: case ALLOC + 2: case ALLOC + 3:
            case ALLOC + 4: case ALLOC + 5: case ALLOC + 6: case ALLOC + 7: {
                long id = blockId();
                long size = u64();
                long align = (op & ALLOC_ALIGN) != 0 ? u64() : 0;
                long address = (op & ALLOC_ADDRESS) != 0 ? allocAddress() : EventSink.NO_ADDRESS;
                int site = (op & ALLOC_SITE) != 0 ? u32() : EventSink.NONE;
                sink.alloc(id, size, align, address, site);
                return 1;
            }
            case CALLOC: case CALLOC + 1: case CALLOC + 2: case CALLOC + 3: {
                long id = blockId();
                long count = u64();
                long size = u64();
                long address = (op & OPT_ADDRESS) != 0 ? allocAddress() : EventSink.NO_ADDRESS;
                int site = (op & OPT_SITE) != 0 ? u32() : EventSink.NONE;
                sink.calloc(id, count, size, address, site);
                return 1;
            }
            case REALLOC: case REALLOC + 1: case REALLOC + 2: case REALLOC + 3: {
                long id = blockId();
                long size = u64();
                long address = (op & OPT_ADDRESS) != 0 ? allocAddress() : EventSink.NO_ADDRESS;
                int site = (op & OPT_SITE) != 0 ? u32() : EventSink.NONE;
                sink.realloc(id, size, address, site);
                return 1;
            }
            case FREE: case FREE + FREE_SITE: {
                long id = blockId();
                sink.free(id, (op & FREE_SITE) != 0 ? u32() : EventSink.NONE);
                return 1;
            }
            case FREE_POINTER: case FREE_POINTER + FREE_SITE: {
                freePointer += z64();
                sink.freePointer(freePointer, (op & FREE_SITE) != 0 ? u32() : EventSink.NONE);
                return 1;
            }
            case BLOCK_LOAD: {
                long id = blockId();
                long offset = u64();
                sink.blockLoad(id, offset, u64());
                return 1;
            }
            case BLOCK_STORE: {
                long id = blockId();
                long offset = u64();
                sink.blockStore(id, offset, u64());
                return 1;
            }
            case MMAP: case MMAP + 1: case MMAP + 2: case MMAP + 3: {
                long a = mapAddress();
                long length = u64();
                int prot = u32();
                int flags = u32();
                int file = (op & MMAP_FILE) != 0 ? u32() : EventSink.NONE;
                long offset = (op & MMAP_OFFSET) != 0 ? u64() : 0;
                sink.mmap(a, length, prot, flags, file, offset);
                return 1;
            }
            case NEW_OBJECT: case NEW_OBJECT + 1: case NEW_OBJECT + 2: case NEW_OBJECT + 3: {
                long id = objectId();
                long size = u64();
                int slots = u32();
                int type = (op & NEW_TYPE) != 0 ? u32() : EventSink.NONE;
                int site = (op & NEW_SITE) != 0 ? u32() : EventSink.NONE;
                sink.newObject(id, size, slots, type, site);
                return 1;
            }
            case REF_WRITE: {
                long object = objectId();
                int slot = u32();
                sink.refWrite(object, slot, object + z64());
                return 1;
            }
            case REF_WRITE_NULL: {
                long object = objectId();
                sink.refWrite(object, u32(), EventSink.NULL_ID);
                return 1;
            }
            case ROOT_ADD:
                sink.rootAdd(objectId());
                return 1;
            case ROOT_REMOVE:
                sink.rootRemove(objectId());
                return 1;
            default:
                throw diagnose();
        }
    }

    // ---------------------------------------------------------------- fields (slow path, on this.p)

    private long blockId() {
        long id = blockId + z64();
        if (id != EventSink.NULL_ID) {
            blockId = id;
        }
        return id;
    }

    private long objectId() {
        objectId += z64();
        return objectId;
    }

    private long allocAddress() {
        allocAddress += z64();
        return allocAddress;
    }

    private long mapAddress() {
        mapAddress += z64();
        return mapAddress;
    }

    private long z64() {
        long v = u64();
        return (v >>> 1) ^ -(v & 1);
    }

    private long u64() {
        long v = buf[p++];
        if (v >= 0) {
            return v;
        }
        long x = buf[p++];
        v = (v & 0x7F) | ((x & 0x7F) << 7);
        return x >= 0 ? v : varintTail(v);
    }

    /**
     * The value of a LEB128 varint of at most 8 bytes, given those bytes (least significant first)
     * with everything after the last one zeroed: drops the continuation bits and closes the gaps,
     * 7-bit groups to 14, 14 to 28, 28 to 56, without branches.
     */
    private static long compact(long x) {
        x = (x & 0x007F_007F_007F_007FL) | ((x & 0x7F00_7F00_7F00_7F00L) >>> 1);
        x = (x & 0x0000_3FFF_0000_3FFFL) | ((x & 0x3FFF_0000_3FFF_0000L) >>> 2);
        return (x & 0x0000_0000_0FFF_FFFFL) | ((x & 0x0FFF_FFFF_0000_0000L) >>> 4);
    }

    /** Bytes 3..10 of a 64-bit varint whose first two bytes gave {@code v}; advances {@link #p}. */
    private long varintTail(long v) {
        byte[] b = buf;
        int i = p;
        for (int shift = 14; shift < 63; shift += 7) {
            long x = b[i++];
            v |= (x & 0x7F) << shift;
            if (x >= 0) {
                p = i;
                return v;
            }
        }
        long x = b[i++];
        if ((x & 0xFF) > 1) {
            throw diagnose();
        }
        p = i;
        return v | (x << 63);
    }

    /** An unsigned 32-bit varint (at most 5 bytes), as an int. */
    private int u32() {
        byte[] b = buf;
        int i = p;
        int v = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int x = b[i++];
            v |= (x & 0x7F) << shift;
            if (x >= 0) {
                p = i;
                return v;
            }
        }
        int x = b[i++];
        if ((x & 0xFF) > 0x0F) {
            throw diagnose();
        }
        p = i;
        return v | (x << 28);
    }

    /** The length and UTF-8 bytes of a definition's text. */
    private String text() throws IOException {
        int lengthAt = p;
        long length = u64();
        if (length < 0 || length > MAX_TEXT_BYTES) {
            p = lengthAt;
            throw diagnose();
        }
        int n = (int) length;
        fill(n);
        if (limit - p < n) {
            throw diagnose();
        }
        String s;
        try {
            s = utf8.decode(ByteBuffer.wrap(buf, p, n)).toString();
        } catch (CharacterCodingException e) {
            throw error(base + p, "the text of a '" + name(buf[recordStart] & 0xFF) + "' record (at byte "
                + (base + recordStart) + ") is not valid UTF-8");
        }
        p += n;
        return s;
    }

    // ---------------------------------------------------------------- buffer

    /**
     * Makes at least {@code need} bytes available at {@link #p} unless the stream ends first: moves
     * the current record and what follows it to the front, grows the buffer for long texts, reads.
     * At the end of the stream, pads with {@link #CONTINUE} bytes.
     */
    private void fill(int need) throws IOException {
        if (limit - p >= need) {
            return;
        }
        int keep = recordStart;
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, limit - keep);
            base += keep;
            p -= keep;
            limit -= keep;
            recordStart = 0;
        }
        int want = p + need;
        if (want + PAD > buf.length) {
            buf = Arrays.copyOf(buf, want + CHUNK + PAD);
        }
        int capacity = buf.length - PAD;
        while (!eof && limit < want) {
            int r = in.read(buf, limit, capacity - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        if (eof) {
            Arrays.fill(buf, limit, limit + PAD, CONTINUE);
            fastEnd = limit - 1;
        } else {
            fastEnd = limit - MAX_RECORD;
        }
    }

    private void readHeader() throws IOException {
        fill(HEADER_LENGTH);
        int have = limit;
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= have || buf[i] != MAGIC[i]) {
                String found = have == 0 ? "an empty stream" : "bytes " + hex(buf, 0, Math.min(have, MAGIC.length));
                throw error(0, "not an msb trace: expected the magic number 89 4D 53 42 (\\x89MSB), found " + found);
            }
        }
        if (have < HEADER_LENGTH) {
            throw error(have, "the msb header is cut short: expected " + HEADER_LENGTH + " bytes (magic, version, flags), the stream has " + have);
        }
        int version = buf[4] & 0xFF;
        if (version != VERSION) {
            throw error(4, "msb version " + version + " is not supported; this memsim reads version " + VERSION);
        }
        int flags = buf[5] & 0xFF;
        if (flags != HEADER_FLAGS) {
            throw error(5, String.format("msb header flags 0x%02X are not supported; version %d defines none (expected 0x00)", flags, VERSION));
        }
        p = HEADER_LENGTH;
        recordStart = HEADER_LENGTH;
    }

    /** Checks the trailer (the opcode is consumed) and that nothing follows it. */
    private void finish(long events) throws IOException {
        long count = u64();
        if (count != events) {
            throw error(base + recordStart, "the trailer counts " + Long.toUnsignedString(count)
                + " events but the stream holds " + events + " (records are missing or were added)");
        }
        fill(1);
        if (p < limit) {
            throw error(base + p, "unexpected bytes after the trailer record (at byte " + (base + recordStart)
                + "), which ends an msb stream");
        }
        p = limit;
    }

    // ---------------------------------------------------------------- errors

    private TraceFormatException error(long offset, String what) {
        return new TraceFormatException(source, "byte " + offset, what);
    }

    /**
     * Explains why the record at {@link #recordStart} cannot be decoded: walks its fields again with
     * bounds checks and names the first one that is cut short, too long or out of range.
     */
    private TraceFormatException diagnose() {
        int start = recordStart;
        int op = buf[start] & 0xFF;
        long at = base + start;
        String name = name(op);
        if (name == null) {
            return error(at, String.format("unknown record opcode 0x%02X (expected an opcode of msb version %d, "
                + "see docs/formats/msb.md)", op, VERSION));
        }
        String record = "'" + name + "' record (at byte " + at + ")";
        byte[] kinds = kinds(op);
        String[] fields = fields(op);
        int q = start + 1;
        for (int f = 0; f < kinds.length; f++) {
            int fieldAt = q;
            int maxBytes = kinds[f] == U32 || kinds[f] == Z32 ? 5 : 10;
            long v = 0;
            int i = 0;
            while (true) {
                if (q >= limit) {
                    return error(base + limit, "the stream ends inside a " + record + ": expected its " + fields[f]);
                }
                int x = buf[q++];
                if (i == maxBytes - 1 && (x & 0xFF) > (maxBytes == 5 ? 0x0F : 0x01)) {
                    String why = (x & 0x80) != 0 ? "is a varint longer than " + maxBytes + " bytes"
                        : "does not fit in " + (maxBytes == 5 ? 32 : 64) + " bits";
                    return error(base + fieldAt, "the " + fields[f] + " of a " + record + " " + why);
                }
                v |= (long) (x & 0x7F) << (7 * i);
                i++;
                if (x >= 0) {
                    break;
                }
            }
            if (kinds[f] == TEXT) {
                if (v < 0 || v > MAX_TEXT_BYTES) {
                    return error(base + fieldAt, "the " + fields[f] + " of a " + record + " is "
                        + Long.toUnsignedString(v) + " bytes long; at most " + MAX_TEXT_BYTES + " are allowed");
                }
                if (limit - q < v) {
                    return error(base + limit, "the stream ends inside a " + record + ": expected " + v
                        + " bytes of " + fields[f] + ", found " + (limit - q));
                }
                q += (int) v;
            }
        }
        return error(at, "malformed " + record);
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i > from ? " " : "").append(String.format("%02X", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
