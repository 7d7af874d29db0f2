package org.memsim.gc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.datamodel.DataModel;
import org.openjdk.jol.datamodel.Model64;
import org.openjdk.jol.datamodel.Model64_Lilliput;
import org.openjdk.jol.info.ClassData;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.layouters.HotSpotLayouter;
import org.openjdk.jol.vm.VM;

/**
 * The {@code hotspot} model against JOL 0.17: on the running JVM (its own flags) for a set of
 * classes and arrays, and against JOL's layout simulation for the other header modes (wide oops,
 * wide class pointers, compact headers).
 */
class HotSpotFidelityTest {
    static final class Empty {}
    static final class OneRef { Object a; }
    static final class TwoRefs { Object a; Object b; }
    static final class ThreeRefs { Object a; Object b; Object c; }
    static final class OneInt { int a; }
    static final class OneLong { long a; }
    static final class LongIntRef { long a; int b; Object c; }
    static final class Bytes { byte a; boolean b; char c; short d; }
    static final class Mixed { double a; float b; byte c; Object d; long e; Object f; }
    static final class Node { Node next; int value; }

    record Case(Class<?> type, String fields) {}

    static final List<Case> CLASSES = List.of(
        new Case(Empty.class, ""), new Case(OneRef.class, "L"), new Case(TwoRefs.class, "LL"), new Case(ThreeRefs.class, "LLL"),
        new Case(OneInt.class, "I"), new Case(OneLong.class, "J"), new Case(LongIntRef.class, "JIL"), new Case(Bytes.class, "BZCS"),
        new Case(Mixed.class, "DFBLJL"), new Case(Node.class, "LI"), new Case(Integer.class, "I"), new Case(Long.class, "J"),
        new Case(Double.class, "D"), new Case(Object.class, ""));

    static final String[][] ARRAYS = {{"int8", "byte"}, {"int16", "short"}, {"int32", "int"}, {"int64", "long"},
        {"float32", "float"}, {"float64", "double"}, {"bool", "boolean"}, {"ref", "java.lang.Object"}};

    static Object newArray(String type, int n) {
        switch (type) {
            case "byte": return new byte[n];
            case "short": return new short[n];
            case "int": return new int[n];
            case "long": return new long[n];
            case "float": return new float[n];
            case "double": return new double[n];
            case "boolean": return new boolean[n];
            default: return new Object[n];
        }
    }

    HotSpotModel runningVm() {
        boolean coops = VM.current().sizeOfField("java.lang.Object") == 4;
        boolean ccps = VM.current().classPointerSize() == 4;
        return new HotSpotModel(coops, ccps, false, VM.current().objectAlignment());
    }

    @Test
    void classesMatchJolOnTheRunningJvm() {
        HotSpotModel m = runningVm();
        for (Case c : CLASSES) {
            long jol = ClassLayout.parseClass(c.type()).instanceSize();
            assertEquals(jol, m.sizeOf(SizeSpec.parse("class:" + c.fields())), c.type().getName());
        }
        assertEquals(ClassLayout.parseClass(Object.class).instanceSize(), m.sizeOf(SizeSpec.parse("object")));
        assertEquals(ClassLayout.parseClass(Integer.class).instanceSize(), m.sizeOf(SizeSpec.parse("int:5")));
    }

    @Test
    void arraysMatchJolOnTheRunningJvm() {
        HotSpotModel m = runningVm();
        for (String[] a : ARRAYS) {
            for (int n : new int[] {0, 1, 2, 3, 5, 7, 8, 13, 100, 1001}) {
                long jol = VM.current().sizeOf(newArray(a[1], n));
                assertEquals(jol, m.sizeOf(SizeSpec.parse("array:" + a[0] + ":" + n)), a[1] + "[" + n + "]");
            }
        }
    }

    @Test
    void stringsAndListsMatchJolOnTheRunningJvm() {
        HotSpotModel m = runningVm();
        for (int n : new int[] {0, 1, 5, 17, 100}) {
            String s = "a".repeat(n) + "";
            long jol = ClassLayout.parseInstance(s).instanceSize() + VM.current().sizeOf(new byte[n]);
            assertEquals(jol, m.sizeOf(SizeSpec.parse("str:" + n)), "String of " + n + " Latin-1 chars");
            java.util.ArrayList<Object> list = new java.util.ArrayList<>(n);
            long jolList = ClassLayout.parseInstance(list).instanceSize() + VM.current().sizeOf(new Object[n]);
            assertEquals(jolList, m.sizeOf(SizeSpec.parse("list:" + n)), "ArrayList of capacity " + n);
        }
    }

    /** Other header modes through JOL's own simulation of HotSpot's layout (JDK 17 rules; compact headers: JOL's Lilliput model). */
    @Test
    void otherHeaderModesMatchJolsSimulation() {
        record Mode(String name, DataModel jol, HotSpotModel model) {}
        List<Mode> modes = new ArrayList<>();
        modes.add(new Mode("compressed oops and compressed class pointers", new Model64(true, true, 8), new HotSpotModel(true, true, false, 8)));
        modes.add(new Mode("wide oops, compressed class pointers", new Model64(false, true, 8), new HotSpotModel(false, true, false, 8)));
        modes.add(new Mode("wide oops and class pointers", new Model64(false, false, 8), new HotSpotModel(false, false, false, 8)));
        modes.add(new Mode("compressed oops, 16-byte alignment", new Model64(true, true, 16), new HotSpotModel(true, true, false, 16)));
        for (Mode mode : modes) {
            HotSpotLayouter layouter = new HotSpotLayouter(mode.jol(), 17);
            for (Case c : CLASSES) {
                long jol = layouter.layout(ClassData.parseClass(c.type())).instanceSize();
                assertEquals(jol, mode.model().instance(c.fields()), mode.name() + ": " + c.type().getName());
            }
            for (String[] a : ARRAYS) {
                if (!mode.name().contains("compressed class")) {
                    continue; // JOL 0.17 lays wide-class-pointer arrays out as JDK 22+ does; see realJvmArrayBases
                }
                for (int n : new int[] {0, 1, 3, 8, 100}) {
                    long jol = layouter.layout(new ClassData("[" + a[1], a[1], n)).instanceSize();
                    assertEquals(jol, mode.model().sizeOf(SizeSpec.parse("array:" + a[0] + ":" + n)), mode.name() + ": " + a[1] + "[" + n + "]");
                }
            }
        }
    }

    /** Prints where array elements start on this JVM (run in a child JVM with other flags). */
    public static void main(String[] args) throws Exception {
        java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
        System.out.println(u.arrayBaseOffset(byte[].class) + " " + u.arrayBaseOffset(int[].class) + " " + u.arrayBaseOffset(long[].class)
            + " " + u.arrayBaseOffset(Object[].class) + " " + u.arrayIndexScale(Object[].class));
    }

    /** Array layouts under other flags, measured on a real JVM of this machine (a child process). */
    @Test
    void realJvmArrayBases() throws Exception {
        String javaBin = System.getProperty("java.home") + "/bin/java";
        String[][] flags = {{"-XX:+UseCompressedOops", "-XX:+UseCompressedClassPointers"}, {"-XX:-UseCompressedOops", "-XX:+UseCompressedClassPointers"},
            {"-XX:-UseCompressedOops", "-XX:-UseCompressedClassPointers"}};
        boolean[][] model = {{true, true}, {false, true}, {false, false}};
        for (int k = 0; k < flags.length; k++) {
            Process p = new ProcessBuilder(javaBin, flags[k][0], flags[k][1], "-cp", System.getProperty("java.class.path"),
                HotSpotFidelityTest.class.getName()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "child JVM failed: " + out);
            String[] v = out.split("\\s+");
            HotSpotModel m = new HotSpotModel(model[k][0], model[k][1], false, 8);
            assertEquals(Long.parseLong(v[0]) + 8, m.sizeOf(SizeSpec.parse("array:int8:8")), String.join(" ", flags[k]) + ": byte[8]");
            assertEquals(Long.parseLong(v[1]) + 8, m.sizeOf(SizeSpec.parse("array:int32:2")), String.join(" ", flags[k]) + ": int[2]");
            assertEquals(Long.parseLong(v[2]) + 8, m.sizeOf(SizeSpec.parse("array:int64:1")), String.join(" ", flags[k]) + ": long[1]");
            assertEquals(Long.parseLong(v[3]) + 2 * Long.parseLong(v[4]), m.sizeOf(SizeSpec.parse("array:ref:2")),
                String.join(" ", flags[k]) + ": Object[2]");
        }
    }

    @Test
    void compactHeadersAreEightBytes() {
        HotSpotModel compact = new HotSpotModel(true, true, true, 8);
        assertEquals(8, compact.sizeOf(SizeSpec.parse("object")));
        assertEquals(16, compact.sizeOf(SizeSpec.parse("int:1")), "Integer: 8-byte header + int, aligned");
        assertEquals(16, compact.sizeOf(SizeSpec.parse("array:int32:1")), "int[1]: 8 + length 4 + 4");
        assertEquals(24, compact.sizeOf(SizeSpec.parse("array:int64:1")), "long[1]: elements start at 16");
        HotSpotLayouter lilliput = new HotSpotLayouter(new Model64_Lilliput(true, 8, false), 24);
        for (Case c : CLASSES) {
            long jol = lilliput.layout(ClassData.parseClass(c.type())).instanceSize();
            assertEquals(jol, compact.instance(c.fields()), "compact headers: " + c.type().getName());
        }
    }
}
