package org.memsim.gc.model;

import java.math.BigInteger;
import java.util.List;

/**
 * CPython 3.11 on a 64-bit build, with {@code sys.getsizeof} semantics: the object's
 * {@code __sizeof__} plus the pre-header ({@code PyGC_Head}, 16 bytes, for GC-tracked types; the
 * managed-dict pointers, 16 bytes, for plain instances). Layouts from CPython 3.11's
 * {@code Include/cpython/*.h} and {@code Objects/*.c}:
 * <pre>
 *   PyObject       ob_refcnt 8 | ob_type 8                        = 16
 *   PyVarObject    PyObject 16 | ob_size 8                        = 24
 *   int            PyVarObject 24 | 30-bit digits × 4 (at least 1)
 *   float          PyObject 16 | double 8                         = 24
 *   str (ASCII)    PyASCIIObject 48 | chars + NUL
 *   list           PyVarObject 24 | ob_item 8 | allocated 8 = 40  + GC 16 + 8 × allocated
 *                  (list:N has exactly N slots: [x] * N, a literal of up to 30 names)
 *   tuple          PyVarObject 24 | items 8 × N                   + GC 16
 *   dict (empty)   48 + GC 16 (shared empty keys are not counted)
 *   set            200 (8-entry smalltable) + GC 16
 *   instance       16 + __weakref__ 8 + GC 16 + dict/values pointers 16 = 56
 *   __slots__ N    16 + 8 × N + GC 16
 * </pre>
 * {@code list.append} over-allocates as {@code list_resize} does:
 * {@code (n + (n >> 3) + 6) & ~3}, or {@code (n + 3) & ~3} when growing by more than that.
 */
public final class CPythonModel implements ObjectModel {
    static final long OBJECT_HEAD = 16;
    static final long VAR_HEAD = 24;
    static final long GC_HEAD = 16;
    static final long POINTER = 8;
    static final int DIGIT_BITS = 30;

    @Override
    public String name() {
        return "cpython";
    }

    @Override
    public List<String> kinds() {
        return List.of("int:VALUE", "float", "str:LENGTH", "list:N", "list-appended:N", "tuple:N", "dict", "set", "object",
            "instance", "instance-slots:N", "list-of-int:N");
    }

    @Override
    public long sizeOf(SizeSpec s) {
        switch (s.kind()) {
            case "int": return intSize(s.value());
            case "float": return OBJECT_HEAD + 8;
            case "str": return 48 + s.count() + 1;
            case "list": return listSize(s.count());
            case "list-appended": return listSize(appendedCapacity(s.count()));
            case "tuple": return VAR_HEAD + POINTER * s.count() + GC_HEAD;
            case "dict": return 48 + GC_HEAD;
            case "set": return 200 + GC_HEAD;
            case "object": return OBJECT_HEAD;
            case "instance": return OBJECT_HEAD + POINTER + GC_HEAD + 2 * POINTER;
            case "instance-slots": return OBJECT_HEAD + POINTER * s.count() + GC_HEAD;
            case "list-of-int": return listSize(s.count()) + distinctInts(s.count());
            default: throw unsupported(s);
        }
    }

    /** {@code sys.getsizeof(v)} for an int: 24 bytes plus 4 per 30-bit digit, at least one digit. */
    public static long intSize(BigInteger v) {
        int bits = v.abs().bitLength();
        long digits = Math.max(1, (bits + DIGIT_BITS - 1) / DIGIT_BITS);
        return VAR_HEAD + 4 * digits;
    }

    /** A list object with room for {@code allocated} pointers. */
    public static long listSize(long allocated) {
        return 40 + GC_HEAD + POINTER * allocated;
    }

    /** Capacity after {@code n} appends to an empty list ({@code list_resize} in Objects/listobject.c). */
    public static long appendedCapacity(long n) {
        long allocated = 0;
        long size = 1;
        while (size <= n) {
            // appending at size == allocated + 1 is the only append that resizes
            long grown = (size + (size >> 3) + 6) & ~3L;
            allocated = grown;
            size = allocated + 1;
        }
        return allocated;
    }

    /** Total {@code getsizeof} of the ints 0 … n−1 (each a separate object; small ints are cached but still objects). */
    public static long distinctInts(long n) {
        long oneDigit = Math.min(n, 1L << DIGIT_BITS);
        long total = oneDigit * (VAR_HEAD + 4);
        long twoDigits = Math.max(0, Math.min(n, 1L << (2 * DIGIT_BITS)) - oneDigit);
        return total + twoDigits * (VAR_HEAD + 8);
    }
}
