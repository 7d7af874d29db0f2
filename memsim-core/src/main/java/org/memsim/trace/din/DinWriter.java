package org.memsim.trace.din;

import java.io.OutputStream;
import org.memsim.event.EventKind;

/**
 * Writes the traditional DineroIV {@code din} format ({@code -informat d}): one {@code label address}
 * line per access, label 0 (read), 1 (write) or 2 (instruction fetch), address in lowercase hex
 * without {@code 0x}. DineroIV's reader ({@code dinfmt.c}) makes every record a 4-byte access at
 * {@code address & ~3}, so only 4-byte accesses at 4-aligned addresses are written; anything else
 * would be read back as a different access and is refused (the extended format keeps sizes).
 */
public final class DinWriter extends DinTextWriter {

    public DinWriter(OutputStream out) {
        super(out, DinFormat.NAME);
    }

    private void access(char label, EventKind kind, long address, int size) {
        if (size != 4) {
            throw unsupported(kind, "traditional din records only 4-byte words (this access is " + size
                + " bytes); write din-ext (.dinx), which keeps the size");
        }
        if ((address & 3) != 0) {
            throw unsupported(kind, "traditional din records only 4-aligned words (DineroIV reads address & ~3; this access is at 0x"
                + Long.toHexString(address) + "); write din-ext (.dinx) instead");
        }
        begin(label);
        hex(address);
        newline();
    }

    @Override public void load(long address, int size) { access('0', EventKind.LOAD, address, size); }
    @Override public void store(long address, int size) { access('1', EventKind.STORE, address, size); }
    @Override public void ifetch(long address, int size) { access('2', EventKind.IFETCH, address, size); }

    @Override
    public void modify(long address, int size) {
        throw unsupported(EventKind.MODIFY, "traditional din has no read-modify-write label; write din-ext (.dinx), "
            + "which records it as a read and a write");
    }

    @Override
    String notAnAccessHint() {
        return "din traces hold only memory accesses (load, store, ifetch)";
    }
}
