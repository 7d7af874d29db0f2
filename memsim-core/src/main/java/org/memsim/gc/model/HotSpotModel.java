package org.memsim.gc.model;

import java.util.Arrays;
import java.util.List;
import org.memsim.spec.SpecException;

/**
 * HotSpot (JDK 17 field layout, JEP 450 compact headers as an option) on a 64-bit VM: a mark word
 * of 8 bytes and a class pointer of 4 (compressed class pointers) or 8, or one 8-byte header with
 * compact object headers; references of 4 bytes with compressed oops, 8 without; objects aligned
 * to 8. Fields are placed as {@code FieldLayoutBuilder} does: primitives largest first, then
 * references, each in the first hole that fits its alignment (so an int fills the gap after a
 * 12-byte header). Arrays put a 4-byte length after the header; the elements start at that offset
 * rounded to the element size (JDK 17 rounds to 8 bytes, as {@code arrayOopDesc::base_offset_in_bytes}).
 * <pre>
 *   compressed klass:  | mark 8 | klass 4 | fields…        | pad to 8 |
 *   wide klass:        | mark 8 | klass 8 | fields…        | pad to 8 |
 *   compact headers:   | mark+klass 8 | fields…          | pad to 8 |
 *   array:             | header | length 4 | elements…    | pad to 8 |
 * </pre>
 */
public final class HotSpotModel implements ObjectModel {
    private final boolean compressedOops;
    private final boolean compressedKlass;
    private final boolean compactHeaders;
    private final long alignment;

    public HotSpotModel(boolean compressedOops, boolean compressedKlass, boolean compactHeaders, long alignment) {
        if (alignment < 8 || (alignment & (alignment - 1)) != 0 || alignment > 256) {
            throw new SpecException("hotspot: align=" + alignment + " must be a power of two from 8 to 256");
        }
        this.compressedOops = compressedOops;
        this.compressedKlass = compressedKlass;
        this.compactHeaders = compactHeaders;
        this.alignment = alignment;
    }

    @Override
    public String name() {
        return "hotspot";
    }

    @Override
    public List<String> kinds() {
        return List.of("int:VALUE (java.lang.Integer)", "float (java.lang.Double)", "str:LENGTH (Latin-1 String and its byte[])",
            "list:N (ArrayList of capacity N)", "list-appended:N", "object", "instance-slots:N", "class:FIELDS",
            "list-of-int:N (ArrayList and N Integers)", "array:DTYPE:N (DTYPE a NumPy-style name or ref)");
    }

    /** Bytes of the object header (mark word and class pointer). */
    public long headerBytes() {
        return compactHeaders ? 8 : compressedKlass ? 12 : 16;
    }

    /** Bytes of one reference field or array element. */
    public long referenceBytes() {
        return compressedOops ? 4 : 8;
    }

    @Override
    public long sizeOf(SizeSpec s) {
        switch (s.kind()) {
            case "int": return instance("I");
            case "float": return instance("D");
            case "object": return instance("");
            case "str": return instance("LIBZ") + array(1, s.count());
            case "list": return arrayList(s.count());
            case "list-appended": return arrayList(appendedCapacity(s.count()));
            case "instance-slots": return instance("L".repeat((int) Math.min(s.count(), 65535)));
            case "class": return instance(s.arg());
            case "list-of-int": return arrayList(s.count()) + s.count() * instance("I");
            case "array": return array("ref".equals(s.arg()) ? referenceBytes() : SizeSpec.itemSize(s), s.count());
            default: throw unsupported(s);
        }
    }

    /** An {@code ArrayList} (fields modCount, size, elementData) with an {@code Object[capacity]}. */
    private long arrayList(long capacity) {
        return instance("IIL") + array(referenceBytes(), capacity);
    }

    /** ArrayList capacity after {@code n} {@code add}s: 10 at the first, then {@code old + (old >> 1)}. */
    static long appendedCapacity(long n) {
        long cap = 0;
        while (cap < n) {
            cap = cap == 0 ? 10 : cap + (cap >> 1);
        }
        return cap;
    }

    /** Instance size of a class (extending Object) with fields given by descriptor letters. */
    public long instance(String fields) {
        long[] sizes = new long[fields.length()];
        for (int i = 0; i < fields.length(); i++) {
            sizes[i] = fieldBytes(fields.charAt(i));
        }
        // primitives sorted largest first, then references (oops are grouped after primitives)
        int refs = 0;
        long[] prims = new long[sizes.length];
        int np = 0;
        for (int i = 0; i < fields.length(); i++) {
            if (fields.charAt(i) == 'L') {
                refs++;
            } else {
                prims[np++] = sizes[i];
            }
        }
        prims = Arrays.copyOf(prims, np);
        Arrays.sort(prims);
        long header = headerBytes();
        // holes: at most a few; a bitmap of used bytes past the header is simplest and exact
        int cap = (int) (header + 8L * fields.length() + 16);
        boolean[] used = new boolean[cap];
        for (int i = 0; i < header; i++) {
            used[i] = true;
        }
        long end = header;
        for (int i = np - 1; i >= 0; i--) {
            end = Math.max(end, place(used, prims[i]));
        }
        for (int i = 0; i < refs; i++) {
            end = Math.max(end, place(used, referenceBytes()));
        }
        return ObjectModel.align(end, alignment);
    }

    /** Puts a field of {@code size} bytes at the first aligned free offset; returns its end. */
    private static long place(boolean[] used, long size) {
        for (int off = 0; off + size <= used.length; off += (int) size) {
            boolean free = true;
            for (int b = 0; b < size; b++) {
                if (used[off + b]) {
                    free = false;
                    break;
                }
            }
            if (free) {
                for (int b = 0; b < size; b++) {
                    used[off + b] = true;
                }
                return off + size;
            }
        }
        throw new IllegalStateException("no room for a field");
    }

    /** An array of {@code n} elements of {@code elem} bytes. */
    public long array(long elem, long n) {
        long lengthEnd = headerBytes() + 4;
        long base = compactHeaders ? ObjectModel.align(lengthEnd, elem) : ObjectModel.align(lengthEnd, 8);
        return ObjectModel.align(base + elem * n, alignment);
    }

    private long fieldBytes(char c) {
        switch (c) {
            case 'Z': case 'B': return 1;
            case 'C': case 'S': return 2;
            case 'I': case 'F': return 4;
            case 'J': case 'D': return 8;
            case 'L': return referenceBytes();
            default: throw new SpecException("hotspot: unknown field letter " + c);
        }
    }
}
