package org.memsim.gc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memsim.spec.SpecException;

/** The seed's numbers, Go's and glibc's rounding, and the errors for uncovered or malformed specs. */
class ObjectModelTest {
    static long size(String runtime, String spec) {
        return ObjectModels.REGISTRY.create(runtime, null).sizeOf(SizeSpec.parse(spec));
    }

    @Test
    void theSeedsTenMillionIntegers() {
        long python = size("cpython", "list-of-int:10000000");
        assertEquals(56 + 80_000_000L + 280_000_000L, python, "~280 MB of ints plus ~80 MB of pointers");
        assertEquals(112 + 80_000_000L, size("numpy", "array:int64:10000000"), "exactly 80 MB of data");
        assertEquals(28, size("cpython", "int:42"));
        assertTrue(size("hotspot", "list-of-int:10000000") > 200_000_000L, "boxed Integers in an ArrayList");
        assertEquals(24 + 80_003_072L, size("rust", "list-of-int:10000000"), "Vec<i64>: header + one mmap'd chunk");
    }

    @Test
    void goRoundsToSizeClassesAndPages() {
        assertEquals(8, GoModel.roundUp(1));
        assertEquals(48, GoModel.roundUp(33));
        assertEquals(32768, GoModel.roundUp(32768));
        assertEquals(40960, GoModel.roundUp(32769), "large objects round to 8 KiB pages");
        assertEquals(16 + 16, size("go", "str:10"));
        assertEquals(0, size("go", "object"));
        assertEquals(24 + 8 * 512, size("go", "list-appended:300"), "append doubles to 512 below 256 elements... then 512 fits");
    }

    @Test
    void glibcChunks() {
        assertEquals(32, NativeModel.chunk(1));
        assertEquals(32, NativeModel.chunk(24));
        assertEquals(48, NativeModel.chunk(25));
        assertEquals(32, size("c", "str:10"), "11 bytes with the NUL, one 32-byte chunk");
        assertEquals(8, size("c", "int:1"));
    }

    @Test
    void listAppendOverAllocation() {
        assertEquals(0, CPythonModel.appendedCapacity(0));
        assertEquals(4, CPythonModel.appendedCapacity(1));
        assertEquals(8, CPythonModel.appendedCapacity(5));
        assertEquals(16, CPythonModel.appendedCapacity(9));
        assertEquals(15, HotSpotModel.appendedCapacity(11));
    }

    @Test
    void errors() {
        SpecException e = assertThrows(SpecException.class, () -> size("c", "dict"));
        assertTrue(e.getMessage().contains("runtime c has no size for 'dict'"), e.getMessage());
        assertThrows(SpecException.class, () -> SizeSpec.parse("list:-1"));
        assertThrows(SpecException.class, () -> SizeSpec.parse("list"));
        assertThrows(SpecException.class, () -> SizeSpec.parse("int:x"));
        assertThrows(SpecException.class, () -> size("numpy", "array:int128:4"));
        assertThrows(SpecException.class, () -> SizeSpec.parse("class:Q"));
        assertThrows(SpecException.class, () -> SizeSpec.parse("nonsense"));
        assertThrows(SpecException.class, () -> SizeSpec.parse("str:99999999999999999999"));
        assertThrows(SpecException.class, () -> ObjectModels.REGISTRY.create("hotspot:align=3", null));
        assertTrue(size("cpython", "list-appended:1099511627776") > 8L << 40, "no overflow at the largest N");
    }
}
