package org.memsim.gc.regional;

import org.memsim.gc.Constraints;

/** G1-like: evacuating (moving), with a card-marking barrier for references into young regions. */
final class RegionalConstraints extends Constraints {
    @Override public boolean movesObjects() { return true; }
    @Override public boolean needsWriteBarrier() { return true; }
    @Override public boolean generational() { return true; }
}
