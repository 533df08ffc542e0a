package dev.sluice.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Whole folders on disk: index generations, scratch folders of a run or a benchmark. */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes {@code root} and everything under it; nothing happens when it does not exist. Links
     * are deleted, never followed. Paths that vanish meanwhile (another process cleaning up) are
     * fine. A path that cannot be deleted does not stop the rest: the first such failure is thrown at
     * the end, naming the path, with later ones attached as suppressed.
     *
     * @throws UncheckedIOException naming the first path that could not be deleted and why
     */
    public static void deleteRecursively(Path root) {
        Checks.notNull("root", root);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Failures failures = new Failures(root);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    failures.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    failures.add(file, e);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        failures.add(dir, e);
                    }
                    failures.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failures.add(root, e);
        }
        failures.throwIfAny();
    }

    /** The paths that could not be deleted, first one leading. */
    private static final class Failures {
        private final Path root;
        private UncheckedIOException first;

        Failures(Path root) {
            this.root = root;
        }

        void delete(Path path) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                add(path, e);
            }
        }

        void add(Path path, IOException e) {
            if (e instanceof NoSuchFileException) {
                return; // gone already: that is what was asked
            }
            UncheckedIOException failure = new UncheckedIOException(
                    "cannot delete " + path + " (deleting the folder " + root + "): " + e
                            + "; check that no process holds it open and that it is writable",
                    e);
            if (first == null) {
                first = failure;
            } else {
                first.addSuppressed(failure);
            }
        }

        void throwIfAny() {
            if (first != null) {
                throw first;
            }
        }
    }
}
