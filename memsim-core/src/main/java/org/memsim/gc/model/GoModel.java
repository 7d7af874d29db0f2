package org.memsim.gc.model;

import java.util.List;

/**
 * Go 1.21 on amd64: no object header (the GC's pointer bitmaps live beside the heap), every heap
 * object rounded up to one of the 67 size classes of {@code runtime/sizeclasses.go}, objects over
 * 32 KiB to whole 8 KiB pages. Values that fit a word are not boxed; a string is a 16-byte header
 * and its bytes, a slice a 24-byte header and its backing array, grown as {@code growslice} does
 * (double below 256 elements, then by ¼ + 192, then rounded to the size class).
 */
public final class GoModel implements ObjectModel {
    /** Bytes per object of each size class, class 1 to 67 ({@code runtime/sizeclasses.go}, Go 1.21). */
    static final int[] CLASS_SIZES = {8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288,
        320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072,
        3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432,
        19072, 20480, 21760, 24576, 27264, 28672, 32768};
    static final long PAGE = 8192;

    @Override
    public String name() {
        return "go";
    }

    @Override
    public List<String> kinds() {
        return List.of("int:VALUE (boxed in an interface)", "float", "str:LENGTH", "list:N ([]int)", "list-appended:N", "object (struct{})",
            "instance-slots:N (struct of N pointers)", "list-of-int:N", "array:DTYPE:N");
    }

    /** The heap bytes {@code mallocgc} takes for a request ({@code roundupsize}). */
    public static long roundUp(long n) {
        if (n == 0) {
            return 0;
        }
        if (n <= CLASS_SIZES[CLASS_SIZES.length - 1]) {
            int lo = 0;
            int hi = CLASS_SIZES.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (CLASS_SIZES[mid] >= n) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return CLASS_SIZES[lo];
        }
        return ObjectModel.align(n, PAGE);
    }

    @Override
    public long sizeOf(SizeSpec s) {
        switch (s.kind()) {
            case "int": case "float": return roundUp(8);
            case "str": return 16 + roundUp(s.count());
            case "list": case "list-of-int": return 24 + roundUp(8 * s.count());
            case "list-appended": return 24 + roundUp(8 * appendedCapacity(s.count(), 8));
            case "object": return 0;
            case "instance-slots": return roundUp(8 * s.count());
            case "array": return roundUp(SizeSpec.itemSize(s) * s.count());
            default: throw unsupported(s);
        }
    }

    /** Capacity of a slice of {@code elem}-byte elements after {@code n} appends to nil ({@code growslice}, Go 1.20+). */
    static long appendedCapacity(long n, long elem) {
        long cap = 0;
        while (cap < n) {
            long newLen = cap + 1;
            long newCap;
            long doubled = cap * 2;
            if (newLen > doubled) {
                newCap = newLen;
            } else if (cap < 256) {
                newCap = doubled;
            } else {
                newCap = cap;
                while (newCap < newLen) {
                    newCap += (newCap + 3 * 256) >> 2;
                }
            }
            cap = roundUp(newCap * elem) / elem;
        }
        return cap;
    }
}
