package org.memsim.trace.vgmalloc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.memsim.event.EventKind;
import org.memsim.event.EventSink;
import org.memsim.trace.PartialTraceWriter;
import org.memsim.trace.UnsupportedEventException;
import org.memsim.trace.addr.AddressBook;
import org.memsim.trace.addr.AsciiOut;

/**
 * Writes allocation events as the lines Valgrind 3.19 prints with {@code --trace-malloc=yes}
 * ({@code --PID-- malloc(32) = 0x4A41040}, {@code free(0x…)}, {@code calloc(4,25)},
 * {@code realloc(0x…,100)}, {@code memalign(al 64, size 200)}), one process per pid prefix.
 * Every allocation needs its address; {@code docs/formats/vgmalloc.md} lists what is lost.
 */
public final class VgMallocWriter extends PartialTraceWriter {
    private static final String HINT = "Valgrind --trace-malloc logs hold allocation calls only; convert to mst or msb";

    private final AsciiOut out;
    private final String target;
    private final Map<Integer, AddressBook> books = new HashMap<>(); // one address space per process
    private AddressBook book;
    private int pid = 1;

    public VgMallocWriter(OutputStream out, String target) {
        super(VgMallocFormat.NAME);
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


    @Override
    protected String unsupportedHint() {
        return HINT;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
