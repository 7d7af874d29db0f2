package org.memsim.gc.model;

import java.util.List;
import org.memsim.spec.SpecException;

/**
 * How many bytes a runtime spends on one value: object headers, GC headers, alignment, boxing and
 * over-allocation, as {@code sys.getsizeof} (CPython), JOL (HotSpot) or the allocator's size
 * classes (Go, C/Rust) report them. One implementation per runtime; {@link ObjectModels} names them.
 */
public interface ObjectModel {
    /** The {@code --runtime} name. */
    String name();

    /** The spec kinds this model covers, for listings and error messages. */
    List<String> kinds();

    /** Bytes of one value; an uncovered kind is a {@link SpecException} (exit status 2). */
    long sizeOf(SizeSpec spec);

    /** The error for a kind this model does not cover. */
    default SpecException unsupported(SizeSpec spec) {
        return new SpecException("runtime " + name() + " has no size for '" + spec.text() + "'; it covers: "
            + String.join(", ", kinds()));
    }

    /** Rounds {@code n} up to a multiple of {@code a} (a power of two). */
    static long align(long n, long a) {
        return (n + a - 1) & -a;
    }
}
