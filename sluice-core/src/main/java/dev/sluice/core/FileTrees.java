package dev.sluice.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting a folder and everything under it: the one helper for it. */
public final class FileTrees {
    private FileTrees() {}

    /** Deletes {@code root} and everything under it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + " to delete it", e);
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (NoSuchFileException gone) {
                // deleted meanwhile
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + p, e);
            }
        }
    }
}
