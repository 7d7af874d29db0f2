package org.memsim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.capture.Captures.field;
import static org.memsim.capture.Captures.option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures of small C programs compiled at test time (skipped without gcc). */
class CapturerTest {
    @TempDir
    Path dir;

    /** Exactly 5 mallocs and 5 frees, output through write(2) so stdio allocates nothing. */
    static final String CLEAN = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        int main(void) {
            char *p[5]; char line[64];
            for (int i = 0; i < 5; i++) {
                p[i] = malloc(24 + 8 * i);
                memset(p[i], 'a' + i, 24 + 8 * i);
                int n = snprintf(line, sizeof line, "%p\\n", (void *) p[i]);
                write(1, line, n);
            }
            for (int i = 0; i < 5; i++) free(p[i]);
            return 0;
        }
        """;

    @Test
    void exactlyTheProgramsMallocsAndFreesAtTheAddressesItPrinted() throws Exception {
        Path exe = Captures.compile(dir, "clean", CLEAN);
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, exe.toString());
        List<String> allocs = c.of("alloc");
        assertEquals(5, allocs.size(), c.lines().toString());
        assertEquals(5, c.of("free").size(), c.lines().toString());
        assertTrue(c.of("freeptr").isEmpty());
        String[] printed = c.stdout().strip().split("\n");
        assertEquals(5, printed.length, c.stdout());
        for (int i = 0; i < 5; i++) {
            assertEquals(Long.parseUnsignedLong(printed[i].substring(2), 16), option(allocs.get(i), "addr"), allocs.get(i));
            assertEquals(24 + 8 * i, field(allocs.get(i), 2), allocs.get(i));
            assertEquals("free " + field(allocs.get(i), 1), c.of("free").get(i), "frees name the ids the mallocs got");
        }
        assertEquals(0, c.summary().topStatus());
        assertTrue(c.lines().get(0).startsWith("start "), c.lines().get(0));
        assertTrue(c.lines().get(c.lines().size() - 1).matches("exit \\d+ 0"), c.lines().toString());
    }

    @Test
    void theProgramsOutputIsByteIdenticalWithAndWithoutCapture() throws Exception {
        Path exe = Captures.compile(dir, "out", """
            #include <stdio.h>
            #include <stdlib.h>
            int main(void) {
                long sum = 0;
                for (int i = 0; i < 1000; i++) { int *q = malloc(sizeof *q * (i % 7 + 1)); q[0] = i; sum += q[0]; free(q); }
                printf("sum %ld\\n", sum);
                for (int i = 0; i < 50; i++) printf("line %d %s\\n", i, i % 2 ? "odd" : "even");
                return 0;
            }
            """);
        String plain = Captures.plain(dir, exe.toString());
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, exe.toString());
        assertTrue(plain.startsWith("sum 499500\n"), plain);
        assertEquals(plain, c.stdout());
        assertTrue(c.of("alloc").size() >= 1000, "1000 mallocs (+ stdio's buffer): " + c.of("alloc").size());
    }

    @Test
    void threadsAreRecordedWithTheirIds() throws Exception {
        Path exe = Captures.compile(dir, "threads", """
            #include <pthread.h>
            #include <stdlib.h>
            static void *work(void *arg) {
                for (int i = 0; i < 200; i++) { char *p = malloc(32 + i); p[0] = 1; free(p); }
                return arg;
            }
            int main(void) {
                pthread_t t[3];
                for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, work, NULL);
                for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
                return 0;
            }
            """, "-pthread");
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, exe.toString());
        Set<String> tids = new HashSet<>();
        for (String s : c.of("switch")) {
            tids.add(s.split(" ")[2]);
        }
        assertTrue(tids.size() >= 4, "main + 3 workers: " + tids);
        assertTrue(c.of("alloc").size() >= 600, "" + c.of("alloc").size());
        assertTrue(c.of("freeptr").isEmpty(), "every free names a block: " + c.of("freeptr"));
        assertTrue(c.summary().threads() >= 4);
    }

    @Test
    void aForkChildRecordsItsOwnEventsAndStatus() throws Exception {
        Path exe = Captures.compile(dir, "fork", """
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/wait.h>
            #include <unistd.h>
            int main(void) {
                char *kept = malloc(100);
                pid_t pid = fork();
                if (pid == 0) { char *c = malloc(200); free(c); free(kept); _exit(7); }
                int st; waitpid(pid, &st, 0);
                char *after = malloc(300); free(after); free(kept);
                printf("child %d\\n", WEXITSTATUS(st));
                return 0;
            }
            """);
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, exe.toString());
        assertEquals("child 7\n", c.stdout());
        List<String> forks = c.of("fork");
        assertEquals(1, forks.size(), c.lines().toString());
        int parent = (int) field(forks.get(0), 1);
        int child = (int) field(forks.get(0), 2);
        assertEquals(c.run().pid(), parent);
        assertTrue(c.lines().contains("exit " + child + " 7"), c.lines().toString());
        assertTrue(c.lines().contains("exit " + parent + " 0"), c.lines().toString());
        assertTrue(c.lines().stream().anyMatch(l -> l.startsWith("alloc ") && l.contains(" 200 ")), "the child's malloc(200)");
        assertTrue(c.lines().stream().anyMatch(l -> l.startsWith("alloc ") && l.contains(" 300 ")), "the parent's malloc(300)");
        long keptId = c.lines().stream().filter(l -> l.startsWith("alloc ") && l.contains(" 100 ")).mapToLong(l -> field(l, 1))
            .findFirst().orElseThrow();
        assertEquals(2, c.lines().stream().filter(l -> l.equals("free " + keptId)).count(), "parent and child each free their copy");
        assertTrue(c.of("freeptr").isEmpty());
    }

    @Test
    void aDoubleFreeAbortsTheProgramButItsTraceIsThereUpToTheAbort() throws Exception {
        Path exe = Captures.compile(dir, "dfree", """
            #include <stdlib.h>
            int main(void) {
                char *a = malloc(16), *b = malloc(16);
                free(a); free(b); free(a);   /* glibc: free(): double free detected in tcache 2 */
                return 0;
            }
            """);
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, exe.toString());
        assertEquals(-6, c.summary().topStatus(), "SIGABRT");
        List<String> allocs = c.of("alloc");
        assertEquals(2, allocs.size(), c.lines().toString());
        long a = field(allocs.get(0), 1);
        long b = field(allocs.get(1), 1);
        assertEquals(List.of("free " + a, "free " + b, "free " + a), c.of("free"));
        assertTrue(c.lines().get(c.lines().size() - 1).endsWith(" -6"), c.lines().toString());
    }

    @Test
    void invalidFreesAndReallocsFollowTheContract() throws Exception {
        Path exe = Captures.compile(dir, "contract", """
            #include <stdlib.h>
            int main(void) {
                char *a = malloc(40);
                char *r = realloc(NULL, 10);     /* a new block */
                r = realloc(r, 2000);            /* keeps its id */
                char *z = malloc(8);
                z = realloc(z, 0);               /* glibc frees, returns NULL */
                char *volatile nul = NULL;
                free(nul);                       /* (a literal free(NULL) gcc drops) */
                free(r);
                free(a + 8);                     /* interior pointer: glibc aborts (free(): invalid pointer) */
                return 0;
            }
            """);
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, exe.toString());
        List<String> allocs = c.of("alloc");
        assertEquals(3, allocs.size(), c.lines().toString());
        long a = field(allocs.get(0), 1);
        long r = field(allocs.get(1), 1);
        long z = field(allocs.get(2), 1);
        assertTrue(c.lines().contains("realloc " + r + " 2000 addr=0x" + Long.toHexString(option(c.of("realloc").get(0), "addr"))));
        assertTrue(c.lines().contains("realloc " + z + " 0"), c.lines().toString());
        assertTrue(c.lines().contains("free null"), c.lines().toString());
        assertTrue(c.lines().contains("free " + r));
        long aAddr = option(allocs.get(0), "addr");
        assertEquals(List.of("freeptr 0x" + Long.toHexString(aAddr + 8)), c.of("freeptr"));
        assertTrue(c.summary().topStatus() < 0, "glibc aborted on the interior pointer: " + c.summary().topStatus());
    }

    @Test
    void pointerSnapshotsFindTheWordsThatPointIntoLiveBlocks() throws Exception {
        Path exe = Captures.compile(dir, "words", """
            #include <stdio.h>
            #include <stdlib.h>
            #include <unistd.h>
            struct node { struct node *next; long pad; };
            struct node *root;               /* bss */
            int main(void) {
                root = malloc(sizeof *root);
                root->next = malloc(sizeof *root);   /* reachable through a heap word */
                root->next->next = NULL;
                char *inner = malloc(64);
                root->pad = (long) (inner + 16);     /* an interior pointer */
                malloc(48);                          /* lost: nothing points to it */
                char line[128];
                int n = snprintf(line, sizeof line, "%p %p %p\\n", (void *) &root, (void *) root, (void *) root->next);
                write(1, line, n);
                return 0;
            }
            """);
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, exe.toString());
        String[] p = c.stdout().strip().split(" ");
        long rootVar = Long.parseUnsignedLong(p[0].substring(2), 16);
        long rootBlock = Long.parseUnsignedLong(p[1].substring(2), 16);
        long nextBlock = Long.parseUnsignedLong(p[2].substring(2), 16);
        List<String> words = c.of("word");
        assertTrue(words.contains("word 0x" + Long.toHexString(rootVar) + " 0x" + Long.toHexString(rootBlock)), words.toString());
        assertTrue(words.contains("word 0x" + Long.toHexString(rootBlock) + " 0x" + Long.toHexString(nextBlock)), words.toString());
        long innerAddr = option(c.of("alloc").get(2), "addr");
        assertTrue(words.contains("word 0x" + Long.toHexString(rootBlock + 8) + " 0x" + Long.toHexString(innerAddr + 16)), words.toString());
        long lost = option(c.of("alloc").get(3), "addr");
        assertFalse(words.stream().anyMatch(w -> w.endsWith(" 0x" + Long.toHexString(lost))), "nothing points at the lost block");
    }

    @Test
    void stacksNameTheAllocatingFunction() throws Exception {
        Path exe = Captures.compile(dir, "stacks", """
            #include <stdlib.h>
            __attribute__((noinline)) void *make_widget(void) { return malloc(77); }
            int main(void) { free(make_widget()); return 0; }
            """, "-rdynamic");
        Captures.Captured c = Captures.capture(dir, new Capturer.Options(false, true, false), exe.toString());
        String alloc = c.of("alloc").get(0);
        long site = option(alloc, "site");
        String def = c.of("site").stream().filter(l -> l.startsWith("site " + site + " ")).findFirst().orElseThrow();
        assertTrue(def.split(" ", 3)[2].startsWith(exe + "(make_widget+"), def);
    }

    @Test
    void missingProgramsAndToolsAreClearErrors() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.memsim.InputException.class,
            () -> Capturer.run(List.of("no-such-program-memsim"), Capturer.Options.CALLS, dir));
        assertTrue(e.getMessage().contains("no-such-program-memsim: command not found"), e.getMessage());
        var empty = org.junit.jupiter.api.Assertions.assertThrows(org.memsim.InputException.class,
            () -> Capturer.run(List.of(), Capturer.Options.CALLS, dir));
        assertTrue(empty.getMessage().contains("after '--'"), empty.getMessage());
    }

    @Test
    void theShippedShimIsTheRepositoryCopy() throws Exception {
        Path repoCopy = Path.of("..", "native", "memsim-capture.c");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(repoCopy), "not run from a source checkout");
        assertEquals(new String(org.memsim.real.NativeBuild.source(Capturer.RECIPE), StandardCharsets.UTF_8), Files.readString(repoCopy));
    }
}
