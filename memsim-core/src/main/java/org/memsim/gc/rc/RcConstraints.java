package org.memsim.gc.rc;

import org.memsim.gc.Constraints;

/** Reference counting hears every reference write and root change; it collects cycles only with its detector on. */
final class RcConstraints extends Constraints {
    private final boolean cycles;

    RcConstraints(boolean cycles) {
        this.cycles = cycles;
    }

    @Override public boolean needsWriteBarrier() { return true; }
    @Override public boolean needsRootEvents() { return true; }
    @Override public boolean collectsCycles() { return cycles; }
    @Override public boolean tracing() { return false; }
}
