package org.memsim.gc.semispace;

import org.memsim.gc.Constraints;

/** Semispace copying moves every survivor at every collection; no barrier. */
final class SemiSpaceConstraints extends Constraints {
    @Override public boolean movesObjects() { return true; }
}
