package org.memsim.gc.markcompact;

import org.memsim.gc.Constraints;

/** Mark-compact moves objects (sliding); no barrier. */
final class MarkCompactConstraints extends Constraints {
    @Override public boolean movesObjects() { return true; }
}
