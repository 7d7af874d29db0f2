package org.memsim.gc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code cpython} and {@code numpy} models against the real interpreter on this machine: one
 * {@code python3} run prints {@code sys.getsizeof} for every covered spec; each must match. Skips
 * (with the reason) when python3 is not 3.11 or is missing, or numpy is not installed.
 */
class CPythonFidelityTest {
    static final String SCRIPT = String.join("\n",
        "import sys",
        "def size(spec):",
        "    kind, _, arg = spec.partition(':')",
        "    if kind == 'int': return sys.getsizeof(int(arg))",
        "    if kind == 'float': return sys.getsizeof(1.5)",
        "    if kind == 'str': return sys.getsizeof('a' * int(arg))",
        "    if kind == 'list':",
        "        n = int(arg)",
        "        exact = sys.getsizeof([None] * n)",
        "        if n <= 30: assert exact == sys.getsizeof(eval('[' + ','.join(['x'] * n) + ']', {'x': None}))",
        "        return exact",
        "    if kind == 'list-appended':",
        "        l = []",
        "        for i in range(int(arg)): l.append(i)",
        "        return sys.getsizeof(l)",
        "    if kind == 'tuple': return sys.getsizeof(tuple(range(int(arg))))",
        "    if kind == 'dict': return sys.getsizeof({})",
        "    if kind == 'set': return sys.getsizeof(set())",
        "    if kind == 'object': return sys.getsizeof(object())",
        "    if kind == 'instance':",
        "        class C: pass",
        "        return sys.getsizeof(C())",
        "    if kind == 'instance-slots':",
        "        ns = {}",
        "        exec('class S:\\n    __slots__ = ' + repr(tuple('s%d' % i for i in range(int(arg)))), ns)",
        "        return sys.getsizeof(ns['S']())",
        "    if kind == 'list-of-int':",
        "        l = [None] * int(arg)",
        "        for i in range(int(arg)): l[i] = i",
        "        return sys.getsizeof(l) + sum(map(sys.getsizeof, l))",
        "    if kind == 'array':",
        "        import numpy",
        "        dtype, _, n = arg.partition(':')",
        "        return sys.getsizeof(numpy.zeros(int(n), dtype=dtype))",
        "print(sys.version_info[0], sys.version_info[1])",
        "for spec in sys.argv[1:]: print(spec, size(spec))");

    static List<String> specs() {
        List<String> s = new ArrayList<>();
        for (String v : List.of("0", "1", "-1", "255", "1073741823", "1073741824", "-1073741824", "1152921504606846975",
            "1152921504606846976", "100000000000000000000000000000000000000000000")) {
            s.add("int:" + v);
        }
        s.add("float");
        for (int n : new int[] {0, 1, 2, 7, 100, 4096}) {
            s.add("str:" + n);
        }
        for (int n : new int[] {0, 1, 3, 10, 1000}) {
            s.add("list:" + n);
            s.add("tuple:" + n);
        }
        for (int n = 0; n <= 40; n++) {
            s.add("list-appended:" + n);
        }
        s.add("list-appended:1000");
        s.add("list-appended:100000");
        s.add("dict");
        s.add("set");
        s.add("object");
        s.add("instance");
        for (int n = 0; n <= 5; n++) {
            s.add("instance-slots:" + n);
        }
        for (int n : new int[] {0, 1, 10, 1000, 100000}) {
            s.add("list-of-int:" + n);
        }
        return s;
    }

    static Map<String, Long> run(String python, List<String> specs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, "-c", SCRIPT));
        cmd.addAll(specs);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(python + " failed: " + out);
        }
        Map<String, Long> m = new LinkedHashMap<>();
        String[] lines = out.split("\n");
        m.put("version", Long.parseLong(lines[0].replace(" ", "")));
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split(" ");
            m.put(f[0], Long.parseLong(f[1]));
        }
        return m;
    }

    @Test
    void everyCoveredSpecMatchesSysGetsizeof() throws Exception {
        Map<String, Long> real = run("python3", specs());
        Assumptions.assumeTrue(real != null, "python3 is not installed: the cpython model cannot be checked here");
        Assumptions.assumeTrue(real.get("version") == 311, "python3 is not 3.11 (version " + real.get("version") + "): the model is of 3.11");
        ObjectModel m = ObjectModels.REGISTRY.create("cpython", null);
        int checked = 0;
        for (String spec : specs()) {
            assertEquals(real.get(spec), m.sizeOf(SizeSpec.parse(spec)), "sys.getsizeof for " + spec);
            checked++;
        }
        assertEquals(specs().size(), checked);
    }

    @Test
    void numpyArraysMatchTheRealNumpy() throws Exception {
        List<String> specs = List.of("array:int64:0", "array:int64:10", "array:int64:10000000", "array:float32:1000", "array:int8:3",
            "array:float64:12345", "array:bool:7");
        Map<String, Long> real;
        try {
            real = run("/usr/bin/python3", specs);
        } catch (IllegalStateException e) {
            real = null; // numpy missing: the script fails on import
        }
        Assumptions.assumeTrue(real != null, "/usr/bin/python3 with numpy is not installed (apt-get install python3-numpy)");
        ObjectModel m = ObjectModels.REGISTRY.create("numpy", null);
        for (String spec : specs) {
            assertEquals(real.get(spec), m.sizeOf(SizeSpec.parse(spec)), "sys.getsizeof for " + spec);
        }
    }
}
