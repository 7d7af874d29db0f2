package org.memsim.trace.vgmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.InputException;
import org.memsim.event.EventKind;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.UnsupportedEventException;
import org.memsim.trace.addr.AddressStreams;

class VgMallocFormatTest {
    static final VgMallocFormat FORMAT = new VgMallocFormat();

    static byte[] resource(Class<?> owner, String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    static List<String> nulls(int n) {
        return Collections.nCopies(n, "free null");
    }

    @Test
    void realSampleGivesTheProgramsCallsInOrder() throws Exception {
        List<String> got = TraceTesting.read(FORMAT, resource(getClass(), "valgrind-trace-malloc.txt"));
        List<String> want = new ArrayList<>(List.of(
            "start 22296",
            "alloc 0 32 addr=0x4a41040",
            "calloc 1 4 25 addr=0x4a410a0",
            "realloc 0 100 addr=0x4a41150",
            "free 1",
            "alloc 2 200 align=64 addr=0x4a41240",   // posix_memalign, printed as memalign by Valgrind 3.19
            "free 2",
            "free 0"));
        want.addAll(nulls(77));                      // libc's exit path calls free(NULL) 77 times
        assertEquals(want, got);
    }

    @Test
    void valgrind319QuirksFromARealRun() throws Exception {
        // realloc-quirks.c under Valgrind 3.19: nested calls, a result on its own line, Memcheck's
        // warning inside a trace line, a calloc that overflows and prints no result at all
        List<String> got = new ArrayList<>(TraceTesting.read(FORMAT, resource(getClass(), "valgrind-quirks.txt")));
        got.removeIf("free null"::equals);
        assertEquals(List.of(
            "start 7144",
            "realloc 0 40 addr=0x4a40040",              // realloc(0x0,40)malloc(40) = 0x4A40040
            "realloc 0 0",                              // realloc(0x4A40040,0)free(0x4A40040) / " = 0": freed
            "realloc 1 0 addr=0x4a400b0",               // realloc(0x0,0)malloc(0)
            "alloc 2 8 addr=0x4a400f0",
            "realloc 2 9223372036854775807",            // fishy size, " = 0x0" after Memcheck's report: failed
            "alloc 3 0 addr=0x4a40140",
            "calloc 4 9223372036854775807 2",           // overflow: no result printed, then free(…) on the same line
            "free 1",
            "free 2",                                   // the failed realloc left block 2 live
            "free 3"), got);
    }

    @Test
    void cxxOperatorsFromARealRun() throws Exception {
        List<String> got = new ArrayList<>(TraceTesting.read(FORMAT, resource(getClass(), "valgrind-cxx.txt")));
        got.removeIf("free null"::equals);
        assertEquals(List.of(
            "start 6481",
            "alloc 0 72704 addr=0x4d5c040",                    // libstdc++'s emergency pool
            "alloc 1 40 addr=0x4d6dc80",                       // gcc folded realloc(NULL, 40) into malloc
            "realloc 1 0",
            "alloc 2 10 addr=0x4d6dcf0",                       // malloc_usable_size(…) = 10 is no event
            "alloc 3 4096 addr=0x4d6dd40",
            "alloc 4 100 align=4096 addr=0x4d6f000",           // valloc
            "alloc 5 128 align=64 addr=0x4d6edc0",             // aligned_alloc
            "alloc 6 50 align=32 addr=0x4d6ef00",              // memalign
            "alloc 7 9223372036854775807",                     // failed malloc: no address, id consumed
            "calloc 8 3 7 addr=0x4d6efa0",
            "alloc 9 4 addr=0x4d6fe70", "free 9",              // _Znwm / _ZdlPvm
            "alloc 10 40 addr=0x4d6fec0", "free 10",           // _Znam / _ZdaPv
            "alloc 11 64 align=64 addr=0x4d6ff80", "free 11",  // _ZnwmSt11align_val_t(size 64, al 64)
            "alloc 12 128 align=64 addr=0x4d70080", "free 12", // _ZnamSt11align_val_t
            "alloc 13 4 addr=0x4d6ff30", "free 13",            // nothrow new
            "free 2", "free 4", "free 5", "free 6", "free 8", "free 0", "free 3"), got);
    }

    @Test
    void everyLineShape() throws Exception {
        String log = String.join("\n",
            "==1== Memcheck, a memory error detector",
            "==1== ",
            "--1-- malloc(32) = 0x1000",
            "--1-- _Znwm(4) = 0x2000",
            "--1-- _ZnwmSt11align_val_t(size 64, al 64) = 0x3000",
            "--1-- __builtin_vec_new(10) = 0x4000",
            "--1-- calloc(3,7) = 0x5000",
            "--1-- realloc(0x1000,100) = 0x6000",
            "--1-- memalign(alignment 32, size 48) = 0x7000",
            "--1-- posix_memalign(al 64, size 200)",              // Valgrind 3.22+: no result printed
            "--1-- aligned_alloc(al 64, size 128)free(0x2000)",   // no result, no newline
            "--1-- _ZdlPvSt11align_val_t(0x3000)",
            "--1-- __builtin_vec_delete(0x4000)",
            "--1-- malloc_usable_size(0x5000) = 10",
            "--1-- mallinfo()",
            "--1-- reallocarray(0x6000,2,8) = 0x9000",
            "--1--  = 0x9000",                                     // reallocarray prints its result twice
            "--1-- free(0xDEAD)",
            "--1-- cfree(0x0)",
            "**1** new/new[] failed and should throw an exception, but Valgrind",
            "--1-- Reading syms from /usr/lib/x86_64-linux-gnu/libc.so.6",
            "--1--    --trace-malloc=yes",
            "--2-- malloc(5) = 0x1000",
            "--00:00:00:01.234 1-- free(0x9000)",
            "--2-- zone_calloc(0x77, 2,3) = 0xa000",
            "--2-- malloc_zone_free(0x77, 0xA000)",
            "--2-- zone_memalign(0x77, al 16, size 24) = 0xb000",
            "--2-- zone_realloc(0x77,0xB000,40) = 0xc000",
            "--2-- malloc_zone_malloc(0x77, 9) = 0xd000",
            "--1-- reallocf(0x7000,10) = 0x7000",
            "--1-- free(0x1000)",
            "");
        assertEquals(List.of(
            "start 1",
            "alloc 0 32 addr=0x1000",
            "alloc 1 4 addr=0x2000",
            "alloc 2 64 align=64 addr=0x3000",
            "alloc 3 10 addr=0x4000",
            "calloc 4 3 7 addr=0x5000",
            "realloc 0 100 addr=0x6000",
            "alloc 5 48 align=32 addr=0x7000",
            "alloc 6 200 align=64",
            "alloc 7 128 align=64",
            "free 1",
            "free 2",
            "free 3",
            "realloc 0 16 addr=0x9000",
            "free 8",
            "free null",
            "start 2",
            "alloc 9 5 addr=0x1000",
            "switch 1 1",
            "free 0",
            "switch 2 2",
            "calloc 10 2 3 addr=0xa000",
            "free 10",
            "alloc 11 24 align=16 addr=0xb000",
            "realloc 11 40 addr=0xc000",
            "alloc 12 9 addr=0xd000",
            "switch 1 1",
            "realloc 5 10 addr=0x7000",
            "free 13"), TraceTesting.read(FORMAT, log));   // 0x1000 of process 1 was realloc'd away: invalid
    }

    @Test
    void aTraceLineBeforeAnyResultLineFlushesTheOpenCall() throws Exception {
        assertEquals(List.of("start 3", "alloc 0 10", "alloc 1 20 addr=0x10"),
            TraceTesting.read(FORMAT, "--3-- malloc(10)\n--3-- malloc(20) = 0x10\n--3--  = 0x99\n"));
    }

    @Test
    void anAllocationAtALiveAddressFreesTheBlockThatWasThere() throws Exception {
        assertEquals(List.of("start 1", "alloc 0 8 addr=0x10", "free 0", "alloc 1 8 addr=0x10"),
            TraceTesting.read(FORMAT, "--1-- malloc(8) = 0x10\n--1-- malloc(8) = 0x10\n"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomStreamsRoundTrip(long seed) throws Exception {
        String mst = AddressStreams.generate(AddressStreams.Dialect.VALGRIND, seed, 400);
        List<String> want = TraceTesting.lines(mst);
        byte[] written = TraceTesting.write(FORMAT, mst);
        assertEquals(want, TraceTesting.read(FORMAT, written));
        assertTrue(FORMAT.sniff(written, written.length, "x") > 0);
    }

    @Test
    void writerPrintsValgrindsShapes() throws Exception {
        String text = new String(TraceTesting.write(FORMAT, String.join("\n",
            "start 9", "alloc 0 32 addr=0x4a41040", "calloc 1 4 25 addr=0x4a410a0", "realloc 0 100 addr=0x4a41150",
            "alloc 2 200 align=64 addr=0x4a41240", "free 1", "free null", "realloc 2 0", "realloc 3 5 addr=0x10", "free 44")),
            StandardCharsets.US_ASCII);
        assertEquals(String.join("\n",
            "--9-- malloc(32) = 0x4A41040",
            "--9-- calloc(4,25) = 0x4A410A0",
            "--9-- realloc(0x4A41040,100) = 0x4A41150",
            "--9-- memalign(al 64, size 200) = 0x4A41240",
            "--9-- free(0x4A410A0)",
            "--9-- free(0x0)",
            "--9-- realloc(0x4A41240,0) = 0x0",
            "--9-- realloc(0x0,5) = 0x10",
            "--9-- free(0xDEAD0000)", ""), text);
    }

    @Test
    void writerRefusesAllocationsWithoutAddressesAndOtherEvents() {
        InputException e = assertThrows(InputException.class, () -> TraceTesting.write(FORMAT, "alloc 0 16"));
        assertTrue(e.getMessage().contains("convert to mst or msb"), e.getMessage());
        assertTrue(e.getMessage().startsWith("test-output: format vgmalloc"), e.getMessage());
        assertThrows(InputException.class, () -> TraceTesting.write(FORMAT, "alloc 0 16 addr=0x10\nrealloc 0 32"));
        UnsupportedEventException u = assertThrows(UnsupportedEventException.class,
            () -> TraceTesting.write(FORMAT, "load 0x10 8"));
        assertEquals(EventKind.LOAD, u.kind());
        assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(FORMAT, "exit 1 0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello world|line 2 column 1: expected a Valgrind log line (--PID--, ==PID== or **PID**); write the log with --log-file",
        "--x-- malloc(1) = 0x10|line 2 column 3: expected process id (decimal digits)",
        "--1- malloc(1)|line 2 column 4: expected '--' after the process id",
        "=1= x|line 2 column 1: expected a Valgrind log line",
        "--1-- malloc(abc) = 0x10|line 2 column 14: expected an argument (a number, 'al N', 'alignment N' or 'size N')",
        "--1-- malloc(32) = zz|line 2 column 20: expected result (decimal digits)",
        "--1-- malloc(32) = 0x10 junk|line 2 column 25: expected the end of the line after the result",
        "--1-- malloc(1,2,3) = 0x10|line 2 column 7: expected malloc(size) as Valgrind prints it",
        "--1-- free(0x10|line 2 column 16: expected ',' or ')'",
        "--1-- memalign(al 8) = 0x10|line 2 column 7: expected memalign(al N, size N) or (size N, al N)",
        "--1-- calloc(1,2,3,4,5) = 0x10|line 2 column 22: expected at most 4 arguments",
        "--1-- free(0x10000000000000000)|line 2 column 12: argument has more than 16 hex digits",
    })
    void malformedLinesNameLineColumnAndExpectation(String line, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(FORMAT, "==1== Memcheck\n" + line + "\n"));
        assertTrue(e.getMessage().startsWith("test-input " + message), e.getMessage());
    }

    @Test
    void sniffing() throws IOException {
        org.memsim.trace.addr.SniffChecks.assertSniffs(FORMAT);
        byte[] plain = "==5== Memcheck, a memory error detector\n==5== \n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(20, FORMAT.sniff(plain, plain.length, "x"));   // a Valgrind log; trace lines may come later
        byte[] cut = "--5-- malloc(32) = 0x10\n--5-- fr".getBytes(StandardCharsets.US_ASCII);
        assertEquals(90, FORMAT.sniff(cut, cut.length, "x"));       // the head may end inside a line
    }
}
