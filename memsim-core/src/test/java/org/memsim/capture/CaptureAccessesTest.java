package org.memsim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.capture.Captures.field;
import static org.memsim.capture.Captures.option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --accesses}: the shim's records inside Lackey's log (skipped without gcc or valgrind). */
class CaptureAccessesTest {
    @TempDir
    Path dir;

    private static final Capturer.Options ACCESSES = new Capturer.Options(true, false, false);

    @Test
    void aCleanProgramsStoresAreThereAndNoAccessTouchesAChunkHeader() throws Exception {
        Captures.assumeTool("valgrind");
        Path exe = Captures.compile(dir, "clean", """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            int main(void) {
                long *a = malloc(8 * sizeof *a);
                for (int i = 0; i < 8; i++) a[i] = i;
                char *s = calloc(1, 32);
                strcpy(s, "hello");
                a = realloc(a, 64 * sizeof *a);     /* glibc copies: its accesses, not the program's */
                a[63] = a[7];
                printf("%p %s %ld\\n", (void *) a, s, a[63]);
                free(s);
                free(a);
                return 0;
            }
            """);
        Captures.Captured c = Captures.capture(dir, ACCESSES, exe.toString());
        List<long[]> blocks = new ArrayList<>();
        for (String l : c.lines()) {
            if (l.startsWith("alloc ") || l.startsWith("realloc ")) {
                blocks.add(new long[] {option(l, "addr"), field(l, 2)});
            } else if (l.startsWith("calloc ")) {
                blocks.add(new long[] {option(l, "addr"), field(l, 2) * field(l, 3)});
            }
        }
        long a = blocks.get(0)[0];
        long grown = blocks.get(2)[0];
        for (int i = 0; i < 8; i++) {
            assertTrue(c.lines().contains("store 0x" + Long.toHexString(a + 8L * i) + " 8"), "a[" + i + "] = i");
        }
        assertTrue(c.lines().contains("store 0x" + Long.toHexString(grown + 8L * 63) + " 8"), "a[63] after realloc");
        assertTrue(c.stdout().startsWith("0x" + Long.toHexString(grown) + " hello 7"), c.stdout());
        List<String> headerHits = new ArrayList<>();
        int firstAccess = -1;
        for (int i = 0; i < c.lines().size(); i++) {
            String l = c.lines().get(i);
            if (l.startsWith("load ") || l.startsWith("store ") || l.startsWith("modify ")) {
                firstAccess = firstAccess < 0 ? i : firstAccess;
                long addr = field(l, 1);
                for (long[] b : blocks) {
                    if (addr + field(l, 2) > b[0] - 16 && addr < b[0]) {
                        headerHits.add(l);
                    }
                }
            }
        }
        assertTrue(headerHits.isEmpty(), "accesses into chunk headers (the allocator's, not the program's): " + headerHits);
        assertTrue(c.of("ifetch").isEmpty(), "instruction fetches are dropped by default");
        assertTrue(c.summary().droppedAccesses() > 0);
        assertEquals(0, c.summary().topStatus());
    }

    @Test
    void accessesComeInOrderWithTheAllocationCalls() throws Exception {
        Captures.assumeTool("valgrind");
        Path exe = Captures.compile(dir, "order", """
            #include <stdlib.h>
            int main(void) {
                int *p = malloc(4 * sizeof *p);
                p[2] = 42;
                free(p);
                int *q = malloc(4 * sizeof *q);
                q[1] = 7;
                free(q);
                return 0;
            }
            """);
        Captures.Captured c = Captures.capture(dir, ACCESSES, exe.toString());
        List<String> allocs = c.of("alloc");
        long p = option(allocs.get(0), "addr");
        long q = option(allocs.get(1), "addr");
        int allocP = c.lines().indexOf(allocs.get(0));
        int storeP = c.lines().indexOf("store 0x" + Long.toHexString(p + 8) + " 4");
        int freeP = c.lines().indexOf("free " + field(allocs.get(0), 1));
        int allocQ = c.lines().indexOf(allocs.get(1));
        int storeQ = c.lines().indexOf("store 0x" + Long.toHexString(q + 4) + " 4");
        assertTrue(allocP < storeP && storeP < freeP && freeP < allocQ && allocQ < storeQ,
            "alloc p, p[2]=, free p, alloc q, q[1]= in that order: " + allocP + " " + storeP + " " + freeP + " " + allocQ + " " + storeQ);
    }

    @Test
    void bytesTheKernelReadsIntoABlockAreStoresInTheTrace() throws Exception {
        Captures.assumeTool("valgrind");
        Path input = dir.resolve("input.txt");
        java.nio.file.Files.writeString(input, "hello, kernel\n");
        Path exe = Captures.compile(dir, "reader", """
            #include <fcntl.h>
            #include <stdlib.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                char *b = malloc(64);
                int fd = open(argv[1], O_RDONLY);
                ssize_t n = read(fd, b, 64);      /* the kernel writes b[0..n): Lackey shows no store */
                close(fd);
                int sum = 0;
                for (ssize_t i = 0; i < n; i++) sum += b[i];
                free(b);
                return sum == 0;
            }
            """);
        Captures.Captured c = Captures.capture(dir, ACCESSES, exe.toString(), input.toString());
        long b = option(c.of("alloc").get(0), "addr");
        assertTrue(c.lines().contains("store 0x" + Long.toHexString(b) + " 14"),
            "read(2) of 14 bytes into the block is a 14-byte store at its start");
    }
}
