package org.memsim.gc.marksweep;

import org.memsim.gc.Constraints;

/** Mark-sweep: non-moving, no barrier, tracing, collects cycles — every default. */
final class MarkSweepConstraints extends Constraints {
}
