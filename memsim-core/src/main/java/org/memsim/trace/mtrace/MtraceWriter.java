package org.memsim.trace.mtrace;

import java.io.IOException;
import java.io.OutputStream;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventKind;
import org.memsim.event.EventSink;
import org.memsim.trace.PartialTraceWriter;
import org.memsim.trace.UnsupportedEventException;
import org.memsim.trace.addr.AddressBook;
import org.memsim.trace.addr.AsciiOut;
import org.memsim.trace.addr.Numbers;
import org.memsim.trace.addr.SiteFrames;

/**
 * Writes allocation events as a glibc {@code mtrace} log, in the line shapes of
 * {@code malloc/mtrace-impl.c} ({@code = Start}, {@code @ caller + 0x… 0x20}, {@code - 0x…},
 * {@code < old}/{@code > new size}, {@code = End}) so glibc's {@code mtrace} script reads it.
 * One process; every allocation needs its address. What is lost: {@code docs/formats/mtrace.md}.
 */
public final class MtraceWriter extends PartialTraceWriter {
    private static final String HINT = "glibc mtrace logs hold one process's allocation calls only; convert to mst or msb";

    private final AsciiOut out;
    private final AddressBook book;
    private final SiteFrames sites = new SiteFrames();
    private final LongLongHashMap callerOfSite = new LongLongHashMap(-1); // site -> index in callers, -2 = none
    private final java.util.List<String> callers = new java.util.ArrayList<>();
    private int pid = -1;

    public MtraceWriter(OutputStream out, String target) {
        super(MtraceFormat.NAME);
        this.out = new AsciiOut(out);
        this.book = new AddressBook(MtraceFormat.NAME, target);
        this.out.text("= Start").newline();
    }

    /** {@code "@ caller "} for sites that have a caller mtrace can print. */
    private AsciiOut line(int site) {
        if (site != EventSink.NONE) {
            long i = callerOfSite.get(site);
            if (i == -1) {
                String caller = callerOf(sites.frames(site));
                if (caller == null) {
                    i = -2;
                } else {
                    i = callers.size();
                    callers.add(caller);
                }
                callerOfSite.put(site, i);
            }
            if (i >= 0) {
                out.text("@ ").text(callers.get((int) i)).ch(' ');
            }
        }
        return out;
    }

    /**
     * The mtrace caller for a site's frames: the innermost frame as mtrace itself printed it
     * ({@code ./prog:(main+17)[0x11d0]}), a hex ip as {@code [0x…]}, or null (a symbolic frame
     * such as {@code main}, which mtrace cannot print).
     */
    static String callerOf(String frames) {
        if (frames == null) {
            return null;
        }
        String f = SiteFrames.innermost(frames);
        if (SiteFrames.isHexIp(f)) {
            return "[" + f + "]";
        }
        if (f.length() > 2 && f.endsWith("]") && f.indexOf('[') >= 0 && f.chars().noneMatch(c -> c <= ' ' || c >= 0x7f)) {
            return f;
        }
        return null;
    }

    private AsciiOut pointer(long address) {
        return out.text("0x").hex(address, false);
    }

    private AsciiOut size(long size) {
        return size == 0 ? out.ch('0') : out.text("0x").hex(size, false); // %#lx
    }

    @Override
    public void defineSite(int site, String frames) {
        sites.define(site, frames);
        callerOfSite.remove(site);
    }

    @Override
    public void alloc(long id, long size, long align, long address, int site) {
        if (address == NO_ADDRESS) {
            throw book.noAddress("alloc", id);
        }
        added(id, size, address, site);
    }

    @Override
    public void calloc(long id, long count, long size, long address, int site) {
        if (address == NO_ADDRESS) {
            throw book.noAddress("calloc", id);
        }
        added(id, Numbers.multiply(count, size), address, site);
    }

    private void added(long id, long size, long address, int site) {
        line(site).text("+ ");
        pointer(address).ch(' ');
        size(size).newline();
        book.bind(id, address);
    }

    @Override
    public void realloc(long id, long size, long address, int site) {
        long old = book.addressOf(id);
        if (address == NO_ADDRESS) {
            if (size != 0 || old == 0) {
                throw book.noAddress("realloc", id);
            }
            line(site).text("- "); // glibc's realloc(p, 0) frees and mtrace prints it so
            pointer(old).newline();
            book.unbind(id);
            return;
        }
        if (old == 0) {
            added(id, size, address, site); // realloc(NULL, n) is printed as malloc
            return;
        }
        line(site).text("< ");
        pointer(old).newline();
        line(site).text("> ");
        pointer(address).ch(' ');
        size(size).newline();
        book.bind(id, address);
    }

    @Override
    public void free(long id, int site) {
        if (id == EventSink.NULL_ID) {
            return; // mtrace does not print free(NULL)
        }
        long a = book.unbind(id);
        if (a == 0) {
            a = book.unusedAddress(); // an invalid free stays one
        }
        line(site).text("- ");
        pointer(a).newline();
    }

    private void process(int pid, EventKind kind) {
        if (this.pid == -1) {
            this.pid = pid;
        } else if (this.pid != pid) {
            throw new UnsupportedEventException(MtraceFormat.NAME, kind,
                "an mtrace log holds one process, this trace has " + this.pid + " and " + pid + "; convert to vgmalloc, mst or msb");
        }
    }

    @Override public void processStart(int pid) { process(pid, EventKind.PROCESS_START); }
    @Override public void contextSwitch(int pid, int tid) { process(pid, EventKind.CONTEXT_SWITCH); }


    @Override
    protected String unsupportedHint() {
        return HINT;
    }

    @Override
    public void close() throws IOException {
        out.text("= End").newline();
        out.close();
    }
}
