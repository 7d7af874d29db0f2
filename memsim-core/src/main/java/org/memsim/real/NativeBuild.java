package org.memsim.real;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.memsim.InputException;

/**
 * Builds memsim's small C helpers (shipped as classpath resources, the same files as {@code native/})
 * with gcc on first use, into {@code $XDG_CACHE_HOME/memsim} (or {@code ~/.cache/memsim}; the
 * temporary directory when neither can be written) under a name keyed by the SHA-256 of the source
 * and the compiler flags, so an edited source rebuilds. Used by the native replay driver and the
 * capture shim ({@code docs/native.md}).
 */
public final class NativeBuild {
    private static final Map<String, Path> BUILT = new HashMap<>();

    private NativeBuild() {}

    /** One helper: where its source is, what it is called, how gcc builds it. */
    public record Recipe(Class<?> owner, String resource, String prefix, String purpose, List<String> flags, List<String> libs) {}

    /** The source of {@code recipe} as shipped in the jar. */
    public static byte[] source(Recipe recipe) {
        try (InputStream in = recipe.owner().getResourceAsStream(recipe.resource())) {
            if (in == null) {
                throw new InputException("the source " + recipe.resource() + " of " + recipe.purpose() + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The C compiler memsim uses: {@code $CC} if set, else {@code gcc}, else {@code cc} on the PATH; null if none. */
    public static Path compiler() {
        String cc = System.getenv("CC");
        if (cc != null && !cc.isBlank()) {
            Path p = onPath(cc.strip());
            if (p != null) {
                return p;
            }
        }
        Path p = onPath("gcc");
        return p != null ? p : onPath("cc");
    }

    /** {@code name} as an executable: a path if it contains '/', else the first match on the PATH; null if none. */
    public static Path onPath(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** Where compiled helpers are kept. */
    public static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "memsim");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "memsim");
    }

    /** The compiled helper, building it first if the cache lacks this source's build. */
    public static Path build(Recipe recipe) {
        synchronized (BUILT) {
            Path done = BUILT.get(recipe.prefix());
            if (done != null && Files.exists(done)) {
                return done;
            }
            byte[] src = source(recipe);
            String key = sha256(src, String.join(" ", recipe.flags()) + " | " + String.join(" ", recipe.libs()));
            String name = recipe.prefix() + "-" + key.substring(0, 16) + (recipe.flags().contains("-shared") ? ".so" : "");
            Path dir = cacheDirectory();
            if (!writableDirectory(dir)) {
                dir = Path.of(System.getProperty("java.io.tmpdir"), "memsim-cache-" + System.getProperty("user.name", "user"));
            }
            Path out = dir.resolve(name);
            if (!Files.exists(out)) {
                compile(recipe, src, dir, out);
            }
            BUILT.put(recipe.prefix(), out);
            return out;
        }
    }

    /** True if {@code dir} exists (or can be created) and takes new files. */
    private static boolean writableDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException e) {
            return false;
        }
    }

    private static void compile(Recipe recipe, byte[] src, Path dir, Path out) {
        Path cc = compiler();
        if (cc == null) {
            throw new InputException(recipe.purpose() + " needs a C compiler to build " + recipe.prefix() + ".c, "
                + "but neither gcc nor cc is on the PATH (install gcc, e.g. apt-get install gcc, or set CC)");
        }
        try {
            Files.createDirectories(dir);
            Path c = Files.createTempFile(dir, recipe.prefix() + "-", ".c");
            Path tmp = Files.createTempFile(dir, recipe.prefix() + "-", ".tmp");
            try {
                Files.write(c, src);
                List<String> cmd = new ArrayList<>();
                cmd.add(cc.toString());
                cmd.addAll(recipe.flags());
                cmd.addAll(List.of("-o", tmp.toString(), c.toString()));
                cmd.addAll(recipe.libs());
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int rc = p.waitFor();
                if (rc != 0) {
                    throw new InputException("compiling " + recipe.prefix() + ".c for " + recipe.purpose() + " with " + cc
                        + " failed (exit " + rc + "): " + log.strip());
                }
                tmp.toFile().setExecutable(true, true);
                try {
                    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(c);
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InputException("cannot build " + recipe.prefix() + ".c in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while compiling " + recipe.prefix() + ".c", e);
        }
    }

    private static String sha256(byte[] data, String flags) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data);
            if (!flags.isEmpty()) {
                md.update(flags.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
