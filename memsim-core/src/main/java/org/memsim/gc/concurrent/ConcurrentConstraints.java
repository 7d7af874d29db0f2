package org.memsim.gc.concurrent;

import org.memsim.gc.Constraints;

/**
 * Go-like: non-moving, tracing. Its write barrier (Go's hybrid Yuasa/Dijkstra barrier) exists to
 * keep a concurrent mark correct; memsim takes the mark as a snapshot at the start of the cycle,
 * which is what that barrier guarantees, so no per-write hook is needed.
 */
final class ConcurrentConstraints extends Constraints {
}
