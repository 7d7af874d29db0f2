package org.memsim.gc.model;

import java.math.BigInteger;
import org.memsim.spec.SpecException;

/**
 * One value whose size {@code memsim sizeof} asks for: {@code int:VALUE}, {@code float},
 * {@code str:LENGTH}, {@code list:N}, {@code list-appended:N}, {@code tuple:N}, {@code dict},
 * {@code set}, {@code object}, {@code instance}, {@code instance-slots:N}, {@code list-of-int:N},
 * {@code array:DTYPE:N} and (HotSpot) {@code class:FIELDS} with JVM descriptor letters.
 *
 * @param text  the spec as written
 * @param kind  the part before the first colon
 * @param value {@code int:}'s value (any size), else null
 * @param count the number (length, elements, slots), 0 when the kind takes none
 * @param arg   {@code array:}'s dtype or {@code class:}'s field letters, else null
 */
public record SizeSpec(String text, String kind, BigInteger value, long count, String arg) {
    /** The largest element count accepted: keeps every size computation far from overflow. */
    public static final long MAX_COUNT = 1L << 40;

    /** Parses one spec; a malformed one is a {@link SpecException} naming it. */
    public static SizeSpec parse(String text) {
        String[] parts = text.split(":", -1);
        String kind = parts[0];
        switch (kind) {
            case "int":
                need(text, parts, 2, "int:VALUE");
                try {
                    return new SizeSpec(text, kind, new BigInteger(parts[1]), 0, null);
                } catch (NumberFormatException e) {
                    throw new SpecException("'" + text + "': VALUE must be a decimal integer");
                }
            case "float": case "dict": case "set": case "object": case "instance":
                need(text, parts, 1, kind);
                return new SizeSpec(text, kind, null, 0, null);
            case "str": case "list": case "list-appended": case "tuple": case "instance-slots": case "list-of-int":
                need(text, parts, 2, kind + ":N");
                return new SizeSpec(text, kind, null, count(text, parts[1]), null);
            case "array":
                need(text, parts, 3, "array:DTYPE:N");
                return new SizeSpec(text, kind, null, count(text, parts[2]), parts[1]);
            case "class":
                need(text, parts, 2, "class:FIELDS");
                if (!parts[1].matches("[ZBCSIFJDL]*")) {
                    throw new SpecException("'" + text + "': FIELDS are JVM descriptor letters Z B C S I F J D L (L = reference)");
                }
                return new SizeSpec(text, kind, null, parts[1].length(), parts[1]);
            default:
                throw new SpecException("unknown spec '" + text + "'; valid: int:VALUE, float, str:LENGTH, list:N, "
                    + "list-appended:N, tuple:N, dict, set, object, instance, instance-slots:N, list-of-int:N, array:DTYPE:N, class:FIELDS");
        }
    }

    private static void need(String text, String[] parts, int n, String shape) {
        if (parts.length != n || parts[n - 1].isEmpty() && n > 1 && !parts[0].equals("class")) {
            throw new SpecException("'" + text + "' is not of the form " + shape);
        }
    }

    private static long count(String text, String s) {
        try {
            long n = Long.parseLong(s);
            if (n < 0 || n > MAX_COUNT) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SpecException("'" + text + "': N must be a whole number from 0 to " + MAX_COUNT);
        }
    }

    /** Bytes per element of a NumPy-style dtype name ({@code int8} … {@code float64}, {@code bool}). */
    public static long itemSize(SizeSpec s) {
        switch (s.arg()) {
            case "bool": case "int8": case "uint8": return 1;
            case "int16": case "uint16": case "float16": return 2;
            case "int32": case "uint32": case "float32": return 4;
            case "int64": case "uint64": case "float64": case "complex64": return 8;
            case "complex128": return 16;
            default:
                throw new SpecException("'" + s.text() + "': unknown dtype '" + s.arg()
                    + "'; valid: bool, int8, int16, int32, int64, uint8 … uint64, float16, float32, float64, complex64, complex128");
        }
    }
}
