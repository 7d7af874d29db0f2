package org.memsim.trace.heaptrack;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
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
 * Writes allocation events as a minimal heaptrack raw file (file format version 3, the lines of
 * {@code src/track/libheaptrack.cpp}): {@code v} header, {@code X} command line, {@code t ip parent}
 * trace-tree lines for sites whose frames are hex ips, {@code + size trace ptr} and {@code - ptr}.
 * {@code heaptrack_interpret} turns it into a file {@code heaptrack_print} reads. One process; every
 * allocation needs its address. What is lost: {@code docs/formats/heaptrack.md}.
 */
public final class HeaptrackWriter extends PartialTraceWriter {
    /** The header: heaptrack 1.4.0 (0x10400), file format version 3. */
    static final String VERSION_LINE = "v 10400 3";
    private static final String HINT = "heaptrack files hold one process's heap allocations only; convert to mst or msb";

    private final AsciiOut out;
    private final AddressBook book;
    private final SiteFrames sites = new SiteFrames();
    private final LongLongHashMap traceOfSite = new LongLongHashMap(-1);
    private final Map<String, Integer> children = new HashMap<>(); // "parent:ip" -> trace index
    private int nextTrace = 1;
    private int pid = -1;

    public HeaptrackWriter(OutputStream out, String target) {
        super(HeaptrackFormat.NAME);
        this.out = new AsciiOut(out);
        this.book = new AddressBook(HeaptrackFormat.NAME, target);
        this.out.text(VERSION_LINE).newline().text("X memsim").newline();
    }

    @Override
    public void defineSite(int site, String frames) {
        sites.define(site, frames);
        traceOfSite.remove(site);
    }

    /**
     * The trace index of a site, writing the {@code t} lines of nodes not written yet. Sites
     * whose frames are not all hex ips ({@code 0x…}) get no trace (0).
     */
    private int trace(int site) {
        if (site == EventSink.NONE) {
            return 0;
        }
        long t = traceOfSite.get(site);
        if (t >= 0) {
            return (int) t;
        }
        int index = 0;
        String frames = sites.frames(site);
        if (frames != null) {
            String[] f = frames.split(";");
            boolean ips = true;
            for (String frame : f) {
                ips &= SiteFrames.isHexIp(frame.strip());
            }
            if (ips) {
                for (int i = f.length - 1; i >= 0; i--) { // outermost first, as the tree is rooted
                    long ip = Long.parseUnsignedLong(f[i].strip().substring(2), 16);
                    String key = index + ":" + ip;
                    Integer child = children.get(key);
                    if (child == null) {
                        out.text("t ").hex(ip, false).ch(' ').hex(index, false).newline();
                        child = nextTrace++;
                        children.put(key, child);
                    }
                    index = child;
                }
            }
        }
        traceOfSite.put(site, index);
        return index;
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
        int t = trace(site);
        out.text("+ ").hex(size, false).ch(' ').hex(t, false).ch(' ').hex(address, false).newline();
        book.bind(id, address);
    }

    private void freed(long address) {
        out.text("- ").hex(address, false).newline();
    }

    @Override
    public void realloc(long id, long size, long address, int site) {
        long old = book.addressOf(id);
        if (address == NO_ADDRESS) {
            if (size != 0 || old == 0) {
                throw book.noAddress("realloc", id);
            }
            freed(old); // glibc's realloc(p, 0) frees
            book.unbind(id);
            return;
        }
        if (old != 0) {
            freed(old); // heaptrack records a realloc as free(old) then malloc(new)
            book.unbind(id);
        }
        added(id, size, address, site);
    }

    @Override
    public void free(long id, int site) {
        if (id == EventSink.NULL_ID) {
            return; // heaptrack does not record free(NULL)
        }
        long a = book.unbind(id);
        freed(a != 0 ? a : book.unusedAddress()); // an invalid free stays one
    }

    private void process(int pid, EventKind kind) {
        if (this.pid == -1) {
            this.pid = pid;
        } else if (this.pid != pid) {
            throw new UnsupportedEventException(HeaptrackFormat.NAME, kind,
                "a heaptrack file holds one process, this trace has " + this.pid + " and " + pid + "; convert to vgmalloc, mst or msb");
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
        out.close();
    }
}
