package org.memsim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.memsim.InputException;

/**
 * An output file written safely: into a temporary file beside the target, moved into place only
 * when complete. An existing file is replaced only with {@code --force}, and never when it is one of
 * the inputs — nothing the user gave is lost or half-overwritten.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;

    private AtomicFile(Path target, Path temp) throws IOException {
        this.target = target;
        this.temp = temp;
        this.out = Files.newOutputStream(temp);
    }

    /**
     * Opens {@code target} for writing.
     *
     * @param inputs files read by the same command; the target may not be one of them
     */
    public static AtomicFile create(Path target, boolean force, Path... inputs) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in != null && Files.exists(in) && Files.exists(abs) && Files.isSameFile(in, abs)) {
                throw new InputException(target + ": is also an input; choose another output file");
            }
        }
        if (Files.isDirectory(abs)) {
            throw new InputException(target + ": is a directory, expected a file name");
        }
        if (Files.exists(abs) && !force) {
            throw new InputException(target + ": exists; pass --force to replace it");
        }
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(target + ": directory " + dir + " does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        return new AtomicFile(abs, temp);
    }

    public OutputStream stream() {
        return out;
    }

    /** Moves the finished file into place. */
    public void commit() throws IOException {
        out.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        try {
            // temp files are created owner-only; the finished file gets the usual rw-r--r--
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep what the system chose
        }
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
