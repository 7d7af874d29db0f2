package org.memsim.trace.din;

import java.io.OutputStream;
import org.memsim.event.EventKind;

/**
 * Writes DineroIV's extended din format ({@code -informat D}, read by {@code xdinfmt.c}): one
 * {@code type address size} line per access with type {@code r}, {@code w} or {@code i} and both
 * numbers in lowercase hex without {@code 0x}. A memsim {@code modify} (Lackey's read-modify-write)
 * has no type of its own — DineroIV's {@code m} means "miscellaneous", not modify — so it is written
 * as a read followed by a write of the same bytes, which is how a cache sees it.
 */
public final class DinExtWriter extends DinTextWriter {
    /** DineroIV keeps a reference's size in an {@code unsigned short} ({@code d4memref.size} in {@code d4.h}). */
    static final int MAX_SIZE = 0xffff;

    public DinExtWriter(OutputStream out) {
        super(out, DinExtFormat.NAME);
    }

    private void line(char type, long address, int size) {
        begin(type);
        hex(address);
        space();
        hex(size);
        newline();
    }

    private void check(EventKind kind, int size) {
        if (size < 0 || size > MAX_SIZE) {
            throw unsupported(kind, "DineroIV keeps access sizes in 16 bits (0 to " + MAX_SIZE + " bytes); this access is " + size);
        }
    }

    @Override public void load(long address, int size) { check(EventKind.LOAD, size); line('r', address, size); }
    @Override public void store(long address, int size) { check(EventKind.STORE, size); line('w', address, size); }
    @Override public void ifetch(long address, int size) { check(EventKind.IFETCH, size); line('i', address, size); }

    @Override
    public void modify(long address, int size) {
        check(EventKind.MODIFY, size);
        line('r', address, size);
        line('w', address, size);
    }

    @Override
    String notAnAccessHint() {
        return "din-ext traces hold only memory accesses (load, store, modify, ifetch)";
    }
}
