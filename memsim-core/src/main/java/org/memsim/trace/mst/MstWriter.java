package org.memsim.trace.mst;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.memsim.event.EventKind;
import org.memsim.event.EventText;
import org.memsim.trace.TraceWriter;

/** Writes the memsim text format ({@code .mst}), every event kind, in its canonical spelling. */
public final class MstWriter implements TraceWriter {
    /** First line of every file this writer produces; detection treats it as a magic number. */
    public static final String HEADER = "# memsim-trace v1 (grammar: docs/trace-format.md)";

    private final OutputStream out;
    private final StringBuilder sb = new StringBuilder(128);
    private final byte[] bytes = new byte[1 << 16];
    private int used;

    public MstWriter(OutputStream out) {
        this.out = out;
        sb.append(HEADER);
        emit();
    }

    private StringBuilder line() {
        sb.setLength(0);
        return sb;
    }

    private void emit() {
        sb.append('\n');
        int n = sb.length();
        if (used + n * 3 > bytes.length) {
            flushBuffer();
        }
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = sb.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii && n <= bytes.length) {
            for (int i = 0; i < n; i++) {
                bytes[used++] = (byte) sb.charAt(i);
            }
        } else {
            flushBuffer();
            write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void flushBuffer() {
        if (used > 0) {
            try {
                out.write(bytes, 0, used);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            used = 0;
        }
    }

    private void write(byte[] b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    @Override public void alloc(long id, long size, long align, long address, int site) { EventText.alloc(line(), id, size, align, address, site); emit(); }
    @Override public void calloc(long id, long count, long size, long address, int site) { EventText.calloc(line(), id, count, size, address, site); emit(); }
    @Override public void realloc(long id, long size, long address, int site) { EventText.realloc(line(), id, size, address, site); emit(); }
    @Override public void free(long id, int site) { EventText.free(line(), id, site); emit(); }
    @Override public void load(long address, int size) { EventText.access(line(), EventKind.LOAD, address, size); emit(); }
    @Override public void store(long address, int size) { EventText.access(line(), EventKind.STORE, address, size); emit(); }
    @Override public void modify(long address, int size) { EventText.access(line(), EventKind.MODIFY, address, size); emit(); }
    @Override public void ifetch(long address, int size) { EventText.access(line(), EventKind.IFETCH, address, size); emit(); }
    @Override public void blockLoad(long id, long offset, long size) { EventText.blockAccess(line(), EventKind.BLOCK_LOAD, id, offset, size); emit(); }
    @Override public void blockStore(long id, long offset, long size) { EventText.blockAccess(line(), EventKind.BLOCK_STORE, id, offset, size); emit(); }
    @Override public void brk(long address) { EventText.brk(line(), address); emit(); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { EventText.mmap(line(), address, length, prot, flags, file, offset); emit(); }
    @Override public void munmap(long address, long length) { EventText.range(line(), EventKind.MUNMAP, address, length); emit(); }
    @Override public void mprotect(long address, long length, int prot) { EventText.mprotect(line(), address, length, prot); emit(); }
    @Override public void madvise(long address, long length, int advice) { EventText.madvise(line(), address, length, advice); emit(); }
    @Override public void msync(long address, long length) { EventText.range(line(), EventKind.MSYNC, address, length); emit(); }
    @Override public void word(long address, long value) { EventText.word(line(), address, value); emit(); }
    @Override public void freePointer(long address, int site) { EventText.freePointer(line(), address, site); emit(); }
    @Override public void processStart(int pid) { line().append("start ").append(pid); emit(); }
    @Override public void processExit(int pid, int status) { line().append("exit ").append(pid).append(' ').append(status); emit(); }
    @Override public void fork(int parentPid, int childPid) { line().append("fork ").append(parentPid).append(' ').append(childPid); emit(); }
    @Override public void contextSwitch(int pid, int tid) { line().append("switch ").append(pid).append(' ').append(tid); emit(); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { EventText.newObject(line(), id, size, refSlots, type, site); emit(); }
    @Override public void refWrite(long object, int slot, long target) { EventText.refWrite(line(), object, slot, target); emit(); }
    @Override public void rootAdd(long object) { line().append("root ").append(object); emit(); }
    @Override public void rootRemove(long object) { line().append("unroot ").append(object); emit(); }
    @Override public void safepoint() { line().append("safepoint"); emit(); }
    @Override public void defineSite(int site, String frames) { EventText.definition(line(), "site", site, oneLine(frames)); emit(); }
    @Override public void defineFile(int file, String path) { EventText.definition(line(), "file", file, oneLine(path)); emit(); }
    @Override public void defineType(int type, String name) { EventText.definition(line(), "type", type, oneLine(name)); emit(); }

    @Override
    public void close() throws IOException {
        flushBuffer();
        out.flush();
        out.close();
    }
}
