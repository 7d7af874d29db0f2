package org.memsim.trace.msb;

import static org.memsim.trace.msb.MsbOpcodes.*;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.memsim.InputException;
import org.memsim.event.EventSink;
import org.memsim.trace.TraceWriter;

/**
 * Writes memsim's binary trace format ({@code .msb}, {@code docs/formats/msb.md}): every event kind,
 * one opcode byte plus LEB128 varints per record, delta-coded addresses and ids, a trailer with the
 * event count on {@link #close()}. Buffered; allocates nothing per event (definitions encode their text).
 */
public final class MsbWriter implements TraceWriter {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    private long events;
    private boolean closed;

    // predictors, mirrored exactly by MsbReader
    private long ifetchNext;
    private long dataAddress;
    private long allocAddress;
    private long mapAddress;
    private long brkAddress;
    private long blockId;
    private long objectId;
    private long wordAddress;
    private long freePointer;

    public MsbWriter(OutputStream out) {
        this.out = out;
        System.arraycopy(MAGIC, 0, buf, 0, MAGIC.length);
        buf[4] = (byte) VERSION;
        buf[5] = (byte) HEADER_FLAGS;
        n = HEADER_LENGTH;
    }

    /** Events written so far (definitions not counted); the trailer records this number. */
    public long events() {
        return events;
    }

    // ---------------------------------------------------------------- encoding

    /** Makes room for one record without text. */
    private void room() {
        if (n > buf.length - MAX_RECORD) {
            if (closed) {
                throw new IllegalStateException("msb writer is closed");
            }
            flushBuffer();
        } else if (closed) {
            throw new IllegalStateException("msb writer is closed");
        }
    }

    private void flushBuffer() {
        try {
            out.write(buf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        n = 0;
    }

    private void op(int opcode) {
        buf[n++] = (byte) opcode;
    }

    private void u64(long v) {
        byte[] b = buf;
        int i = n;
        while ((v & ~0x7FL) != 0) {
            b[i++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[i++] = (byte) v;
        n = i;
    }

    private void z64(long v) {
        u64((v << 1) ^ (v >> 63));
    }

    private void u32(int v) {
        u64(v & 0xFFFF_FFFFL);
    }

    private void z32(int v) {
        u32((v << 1) ^ (v >> 31));
    }

    private void blockId(long id) {
        z64(id - blockId);
        if (id != NULL_ID) {
            blockId = id;
        }
    }

    private void objectId(long id) {
        z64(id - objectId);
        objectId = id;
    }

    private void allocAddress(long address) {
        z64(address - allocAddress);
        allocAddress = address;
    }

    private void mapAddress(long address) {
        z64(address - mapAddress);
        mapAddress = address;
    }

    /** Size code of a data access: c in 1..15 for 1 << (c - 1), 0 when the size must follow. */
    private static int dataSizeCode(int size) {
        return size > 0 && size <= 1 << 14 && (size & (size - 1)) == 0 ? Integer.numberOfTrailingZeros(size) + 1 : 0;
    }

    private void data(int opcode, long address, int size) {
        room();
        int code = dataSizeCode(size);
        buf[n++] = (byte) (opcode | code);
        z64(address - dataAddress);
        if (code == 0) {
            u32(size);
        }
        dataAddress = address;
        events++;
    }

    private void text(int opcode, String what, int number, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new InputException("cannot write " + what + " " + number + " to an msb trace: its text is "
                + bytes.length + " bytes of UTF-8, the format allows at most " + MAX_TEXT_BYTES);
        }
        room();
        op(opcode);
        u32(number);
        u64(bytes.length);
        if (bytes.length <= buf.length - n) {
            System.arraycopy(bytes, 0, buf, n, bytes.length);
            n += bytes.length;
        } else {
            flushBuffer();
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------- events

    @Override
    public void alloc(long id, long size, long align, long address, int site) {
        room();
        int flags = (align != 0 ? ALLOC_ALIGN : 0) | (address != NO_ADDRESS ? ALLOC_ADDRESS : 0) | (site != NONE ? ALLOC_SITE : 0);
        op(ALLOC | flags);
        blockId(id);
        u64(size);
        if (align != 0) {
            u64(align);
        }
        if (address != NO_ADDRESS) {
            allocAddress(address);
        }
        if (site != NONE) {
            u32(site);
        }
        events++;
    }

    @Override
    public void calloc(long id, long count, long size, long address, int site) {
        room();
        op(CALLOC | (address != NO_ADDRESS ? OPT_ADDRESS : 0) | (site != NONE ? OPT_SITE : 0));
        blockId(id);
        u64(count);
        u64(size);
        if (address != NO_ADDRESS) {
            allocAddress(address);
        }
        if (site != NONE) {
            u32(site);
        }
        events++;
    }

    @Override
    public void realloc(long id, long size, long address, int site) {
        room();
        op(REALLOC | (address != NO_ADDRESS ? OPT_ADDRESS : 0) | (site != NONE ? OPT_SITE : 0));
        blockId(id);
        u64(size);
        if (address != NO_ADDRESS) {
            allocAddress(address);
        }
        if (site != NONE) {
            u32(site);
        }
        events++;
    }

    @Override
    public void free(long id, int site) {
        room();
        op(FREE | (site != NONE ? FREE_SITE : 0));
        blockId(id);
        if (site != NONE) {
            u32(site);
        }
        events++;
    }

    @Override
    public void freePointer(long address, int site) {
        room();
        op(FREE_POINTER | (site != NONE ? FREE_SITE : 0));
        z64(address - freePointer);
        freePointer = address;
        if (site != NONE) {
            u32(site);
        }
        events++;
    }

    @Override
    public void load(long address, int size) {
        data(LOAD, address, size);
    }

    @Override
    public void store(long address, int size) {
        data(STORE, address, size);
    }

    @Override
    public void modify(long address, int size) {
        data(MODIFY, address, size);
    }

    @Override
    public void ifetch(long address, int size) {
        room();
        int code = size >= 1 && size <= 15 ? size : 0;
        if (address == ifetchNext) {
            buf[n++] = (byte) (IFETCH_NEXT | code);
        } else {
            buf[n++] = (byte) (IFETCH | code);
            z64(address - ifetchNext);
        }
        if (code == 0) {
            u32(size);
        }
        ifetchNext = address + size;
        events++;
    }

    @Override
    public void blockLoad(long id, long offset, long size) {
        room();
        op(BLOCK_LOAD);
        blockId(id);
        u64(offset);
        u64(size);
        events++;
    }

    @Override
    public void blockStore(long id, long offset, long size) {
        room();
        op(BLOCK_STORE);
        blockId(id);
        u64(offset);
        u64(size);
        events++;
    }

    @Override
    public void brk(long address) {
        room();
        op(BRK);
        z64(address - brkAddress);
        brkAddress = address;
        events++;
    }

    @Override
    public void mmap(long address, long length, int prot, int flags, int file, long offset) {
        room();
        op(MMAP | (file != NONE ? MMAP_FILE : 0) | (offset != 0 ? MMAP_OFFSET : 0));
        mapAddress(address);
        u64(length);
        u32(prot);
        u32(flags);
        if (file != NONE) {
            u32(file);
        }
        if (offset != 0) {
            u64(offset);
        }
        events++;
    }

    private void range(int opcode, long address, long length) {
        room();
        op(opcode);
        mapAddress(address);
        u64(length);
        events++;
    }

    @Override
    public void munmap(long address, long length) {
        range(MUNMAP, address, length);
    }

    @Override
    public void mprotect(long address, long length, int prot) {
        range(MPROTECT, address, length);
        u32(prot);
    }

    @Override
    public void madvise(long address, long length, int advice) {
        range(MADVISE, address, length);
        u32(advice);
    }

    @Override
    public void msync(long address, long length) {
        range(MSYNC, address, length);
    }

    @Override
    public void processStart(int pid) {
        room();
        op(PROCESS_START);
        u32(pid);
        events++;
    }

    @Override
    public void processExit(int pid, int status) {
        room();
        op(PROCESS_EXIT);
        u32(pid);
        z32(status);
        events++;
    }

    @Override
    public void fork(int parentPid, int childPid) {
        room();
        op(FORK);
        u32(parentPid);
        u32(childPid);
        events++;
    }

    @Override
    public void contextSwitch(int pid, int tid) {
        room();
        op(CONTEXT_SWITCH);
        u32(pid);
        u32(tid);
        events++;
    }

    @Override
    public void newObject(long id, long size, int refSlots, int type, int site) {
        room();
        op(NEW_OBJECT | (type != NONE ? NEW_TYPE : 0) | (site != NONE ? NEW_SITE : 0));
        objectId(id);
        u64(size);
        u32(refSlots);
        if (type != NONE) {
            u32(type);
        }
        if (site != NONE) {
            u32(site);
        }
        events++;
    }

    @Override
    public void refWrite(long object, int slot, long target) {
        room();
        op(target == NULL_ID ? REF_WRITE_NULL : REF_WRITE);
        objectId(object);
        u32(slot);
        if (target != NULL_ID) {
            z64(target - object);
        }
        events++;
    }

    @Override
    public void rootAdd(long object) {
        room();
        op(ROOT_ADD);
        objectId(object);
        events++;
    }

    @Override
    public void rootRemove(long object) {
        room();
        op(ROOT_REMOVE);
        objectId(object);
        events++;
    }

    @Override
    public void safepoint() {
        room();
        op(SAFEPOINT);
        events++;
    }

    @Override
    public void word(long address, long value) {
        room();
        op(WORD);
        z64(address - wordAddress);
        wordAddress = address;
        u64(value);
        events++;
    }

    @Override
    public void defineSite(int site, String frames) {
        text(DEFINE_SITE, "site", site, frames);
    }

    @Override
    public void defineFile(int file, String path) {
        text(DEFINE_FILE, "file", file, path);
    }

    @Override
    public void defineType(int type, String name) {
        text(DEFINE_TYPE, "type", type, name);
    }

    /** Writes the trailer (the event count), flushes and closes the stream; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        room();
        op(TRAILER);
        u64(events);
        closed = true;
        try {
            out.write(buf, 0, n);
            n = 0;
            out.flush();
        } finally {
            out.close();
        }
    }
}
