package org.memsim.trace.vgmalloc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.memsim.event.EventKind;
import org.memsim.event.EventSink;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.UnsupportedEventException;
import org.memsim.trace.addr.AddressBook;
import org.memsim.trace.addr.AsciiOut;

/**
 * Writes allocation events as the lines Valgrind 3.19 prints with {@code --trace-malloc=yes}
 * ({@code --PID-- malloc(32) = 0x4A41040}, {@code free(0x…)}, {@code calloc(4,25)},
 * {@code realloc(0x…,100)}, {@code memalign(al 64, size 200)}), one process per pid prefix.
 * Every allocation needs its address; {@code docs/formats/vgmalloc.md} lists what is lost.
 */
public final class VgMallocWriter implements TraceWriter {
    private static final String HINT = "Valgrind --trace-malloc logs hold allocation calls only; convert to mst or msb";

    private final AsciiOut out;
    private final String target;
    private final Map<Integer, AddressBook> books = new HashMap<>(); // one address space per process
    private AddressBook book;
    private int pid = 1;

    public VgMallocWriter(OutputStream out, String target) {
        this.out = new AsciiOut(out);
        this.target = target;
        this.book = new AddressBook(VgMallocFormat.NAME, target);
        books.put(pid, book);
    }

    private void switchTo(int pid) {
        if (pid != this.pid) {
            this.pid = pid;
            book = books.computeIfAbsent(pid, p -> new AddressBook(VgMallocFormat.NAME, target));
        }
    }

    private AsciiOut line() {
        return out.text("--").decimal(pid).text("-- ");
    }

    private AsciiOut pointer(long address) {
        return out.text("0x").hex(address, true);
    }

    @Override
    public void alloc(long id, long size, long align, long address, int site) {
        if (address == NO_ADDRESS) {
            throw book.noAddress("alloc", id);
        }
        if (align == 0) {
            line().text("malloc(").decimal(size).text(") = ");
        } else {
            line().text("memalign(al ").decimal(align).text(", size ").decimal(size).text(") = ");
        }
        pointer(address).newline();
        book.bind(id, address);
    }

    @Override
    public void calloc(long id, long count, long size, long address, int site) {
        if (address == NO_ADDRESS) {
            throw book.noAddress("calloc", id);
        }
        line().text("calloc(").decimal(count).ch(',').decimal(size).text(") = ");
        pointer(address).newline();
        book.bind(id, address);
    }

    @Override
    public void realloc(long id, long size, long address, int site) {
        long old = book.addressOf(id);
        if (address == NO_ADDRESS && (size != 0 || old == 0)) {
            throw book.noAddress("realloc", id);
        }
        line().text("realloc(");
        pointer(old).ch(',').decimal(size).text(") = ");
        pointer(address).newline();
        if (address == NO_ADDRESS) {
            book.unbind(id);
        } else {
            book.bind(id, address);
        }
    }

    @Override
    public void free(long id, int site) {
        long a;
        if (id == EventSink.NULL_ID) {
            a = 0;
        } else {
            a = book.unbind(id);
            if (a == 0) {
                a = book.unusedAddress(); // an invalid free stays one
            }
        }
        line().text("free(");
        pointer(a).ch(')').newline();
    }

    @Override
    public void processStart(int pid) {
        books.put(pid, new AddressBook(VgMallocFormat.NAME, target)); // exec: a fresh address space
        this.pid = pid;
        book = books.get(pid);
    }

    @Override
    public void contextSwitch(int pid, int tid) {
        switchTo(pid); // Valgrind's prefix names the process only
    }

    private UnsupportedEventException unsupported(EventKind kind) {
        return new UnsupportedEventException(VgMallocFormat.NAME, kind, HINT);
    }

    @Override public void load(long address, int size) { throw unsupported(EventKind.LOAD); }
    @Override public void store(long address, int size) { throw unsupported(EventKind.STORE); }
    @Override public void modify(long address, int size) { throw unsupported(EventKind.MODIFY); }
    @Override public void ifetch(long address, int size) { throw unsupported(EventKind.IFETCH); }
    @Override public void blockLoad(long id, long offset, long size) { throw unsupported(EventKind.BLOCK_LOAD); }
    @Override public void blockStore(long id, long offset, long size) { throw unsupported(EventKind.BLOCK_STORE); }
    @Override public void brk(long address) { throw unsupported(EventKind.BRK); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { throw unsupported(EventKind.MMAP); }
    @Override public void munmap(long address, long length) { throw unsupported(EventKind.MUNMAP); }
    @Override public void mprotect(long address, long length, int prot) { throw unsupported(EventKind.MPROTECT); }
    @Override public void madvise(long address, long length, int advice) { throw unsupported(EventKind.MADVISE); }
    @Override public void msync(long address, long length) { throw unsupported(EventKind.MSYNC); }
    @Override public void processExit(int pid, int status) { throw unsupported(EventKind.PROCESS_EXIT); }
    @Override public void fork(int parentPid, int childPid) { throw unsupported(EventKind.FORK); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { throw unsupported(EventKind.NEW_OBJECT); }
    @Override public void refWrite(long object, int slot, long target) { throw unsupported(EventKind.REF_WRITE); }
    @Override public void rootAdd(long object) { throw unsupported(EventKind.ROOT_ADD); }
    @Override public void rootRemove(long object) { throw unsupported(EventKind.ROOT_REMOVE); }
    @Override public void safepoint() { throw unsupported(EventKind.SAFEPOINT); }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
