package org.memsim.alloc.slab;

/**
 * Division by a fixed object size as a multiplication and a shift (Granlund and Montgomery,
 * "Division by Invariant Integers using Multiplication", PLDI 1994; Linux's
 * {@code reciprocal_divide}, which SLUB uses for {@code obj_to_index}): exact for every numerator
 * below 2^31, here an offset into a slab; larger slabs fall back to a division.
 */
final class Reciprocal {
    private static final int BITS = 31;

    private final long divisor;
    private final long magic; // ceil(2^shift / divisor), below 2^32; 0: divide instead
    private final int shift;

    /** Divides by {@code divisor} (at least 1) numerators from 0 to {@code limit} - 1. */
    Reciprocal(long divisor, long limit) {
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor " + divisor);
        }
        this.divisor = divisor;
        if (limit <= (1L << BITS) && divisor <= (1L << BITS)) {
            int l = 64 - Long.numberOfLeadingZeros(divisor - 1); // ceil(log2 divisor)
            this.shift = BITS + l;
            this.magic = ((1L << shift) - 1) / divisor + 1;
        } else {
            this.shift = 0;
            this.magic = 0;
        }
    }

    /** {@code n / divisor} for 0 <= n < limit. */
    long divide(long n) {
        return magic != 0 ? (n * magic) >>> shift : n / divisor;
    }
}
