package org.memsim.gc.generational;

import org.memsim.gc.Constraints;

/** Generational copying: survivors move; the card-marking write barrier finds old-to-young references. */
final class GenerationalConstraints extends Constraints {
    @Override public boolean movesObjects() { return true; }
    @Override public boolean needsWriteBarrier() { return true; }
    @Override public boolean generational() { return true; }
}
