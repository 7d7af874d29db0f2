package org.memsim.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memsim.InputException;
import org.memsim.runtime.OpsLog;
import org.memsim.spec.Spec;

/**
 * The real allocators memsim can replay a trace on, natively: {@code glibc} (the C library's own
 * malloc, no preload) and, by {@code LD_PRELOAD} of Debian's packages when installed,
 * {@code jemalloc} (libjemalloc2), {@code tcmalloc} (libtcmalloc-minimal4) and {@code mimalloc}
 * (libmimalloc2.0). Spec: {@code real:NAME} on the command line.
 */
public final class RealAllocators {
    /** The spec prefix that selects a real allocator. */
    public static final String PREFIX = "real:";

    /** One real allocator: its name, the library preloaded for it (null for glibc) and its Debian package. */
    public record Entry(String name, Path library, String debianPackage, String description) {
        /** True when the allocator can run here (glibc always; the others when their library exists). */
        public boolean installed() {
            return library == null || Files.isReadable(library);
        }
    }

    private static final String LIBDIR = "/usr/lib/x86_64-linux-gnu/";

    /** Every allocator {@code real:NAME} can name, in display order. */
    public static final List<Entry> ALL = List.of(
        new Entry("glibc", null, "libc6", "the C library's malloc (ptmalloc2), no preload"),
        new Entry("jemalloc", Path.of(LIBDIR + "libjemalloc.so.2"), "libjemalloc2", "jemalloc by LD_PRELOAD"),
        new Entry("tcmalloc", Path.of(LIBDIR + "libtcmalloc_minimal.so.4"), "libtcmalloc-minimal4", "gperftools' tcmalloc (minimal) by LD_PRELOAD"),
        new Entry("mimalloc", Path.of(LIBDIR + "libmimalloc.so.2"), "libmimalloc2.0", "Microsoft's mimalloc by LD_PRELOAD"));

    private RealAllocators() {}

    /** True when {@code text} names a real allocator ({@code real:NAME}); {@link Spec#parse} does not accept that form. */
    public static boolean isRealSpec(String text) {
        return text != null && text.strip().toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    /** The entry named {@code name}, or an error listing the valid names and which are installed. */
    public static Entry entry(String name) {
        for (Entry e : ALL) {
            if (e.name().equals(name)) {
                if (!e.installed()) {
                    throw new InputException("real:" + name + " needs " + e.library() + " (Debian package " + e.debianPackage()
                        + ", apt-get install " + e.debianPackage() + "); " + installedSummary());
                }
                return e;
            }
        }
        throw new InputException("unknown real allocator '" + name + "': expected real:NAME with NAME one of " + names() + "; "
            + installedSummary());
    }

    /** "glibc, jemalloc, tcmalloc, mimalloc". */
    public static String names() {
        List<String> n = new ArrayList<>();
        for (Entry e : ALL) {
            n.add(e.name());
        }
        return String.join(", ", n);
    }

    /** Which are installed here, for error messages. */
    public static String installedSummary() {
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        for (Entry e : ALL) {
            (e.installed() ? yes : no).add(e.name());
        }
        return "installed here: " + (yes.isEmpty() ? "none" : String.join(", ", yes))
            + (no.isEmpty() ? "" : "; not installed: " + String.join(", ", no));
    }

    /** A replay target for {@code real:NAME} given as text ({@code real:glibc}). */
    public static RealAllocator create(String text, OpsLog opsLog) {
        String t = text.strip();
        if (!isRealSpec(t)) {
            throw new InputException("'" + t + "' is not a real allocator: expected real:NAME with NAME one of " + names());
        }
        return new RealAllocator(entry(t.substring(PREFIX.length()).strip()), opsLog);
    }

    /**
     * A replay target for a parsed spec: {@code real:allocator=NAME} (or {@code name=NAME}), or a
     * spec whose name is the allocator's ({@code glibc}).
     */
    public static RealAllocator create(Spec spec, OpsLog opsLog) {
        String name = spec.name();
        if (name.equals("real")) {
            String v = spec.settings().get("allocator");
            if (v == null) {
                v = spec.settings().get("name");
            }
            if (v == null || spec.settings().size() != 1) {
                throw new InputException("spec '" + spec + "': expected real:NAME with NAME one of " + names() + "; "
                    + installedSummary());
            }
            name = v;
        } else if (!spec.settings().isEmpty()) {
            throw new InputException("spec '" + spec + "': a real allocator takes no settings");
        }
        return new RealAllocator(entry(name), opsLog);
    }
}
