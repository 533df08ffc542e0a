package dev.sluice.index;

import dev.sluice.core.FileTrees;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generations of one index folder: one Lucene index per embedding model, so that a new model's
 * index is built beside the one searches use and replaces it in one step when it is complete.
 *
 * <p>Layout: the file {@code CURRENT} in the index folder names the active generation
 * ({@code generations/2}); without it, the Lucene files in the folder itself are the active
 * generation (every index written before generations existed). {@link #activate} writes
 * {@code CURRENT} to a temporary file and renames it over the old one, an atomic step on POSIX file
 * systems: a reader sees the old generation or the new one, never a mix. The old generation is
 * deleted afterwards; a process still reading it keeps its open files until it closes them.
 */
public final class IndexGenerations {
    static final String CURRENT = "CURRENT";
    static final String FOLDER = "generations";
    /** Lucene's own file names: segment files, commit points and the write lock. */
    private static final Pattern LUCENE_FILE = Pattern.compile("_.*|segments.*|pending_segments.*|write\\.lock");

    private IndexGenerations() {}

    /** The folder holding the active generation's Lucene files. */
    public static Path active(Path indexFolder) {
        Path current = indexFolder.resolve(CURRENT);
        if (!Files.isRegularFile(current)) {
            return indexFolder;
        }
        try {
            String name = Files.readString(current, StandardCharsets.UTF_8).trim();
            Path generation = indexFolder.resolve(name).normalize();
            if (name.isEmpty()
                    || !generation.startsWith(indexFolder.resolve(FOLDER).normalize())) {
                throw new SluiceException(current + " names '" + name + "', which is not a generation of " + indexFolder
                        + "; restore it or remove the index folder and sync again");
            }
            return generation;
        } catch (IOException e) {
            throw new SluiceException("cannot read " + current + ": " + e.getMessage(), e);
        }
    }

    /** A new, empty folder for the next generation; unfinished ones of earlier attempts are deleted. */
    static Path create(Path indexFolder) {
        Path folder = indexFolder.resolve(FOLDER);
        Path active = active(indexFolder);
        try {
            Files.createDirectories(folder);
            try (Stream<Path> unfinished = Files.list(folder)) {
                for (Path generation : unfinished.filter(g -> !g.equals(active)).toList()) {
                    FileTrees.deleteRecursively(generation);
                }
            }
            int next = 1;
            try (Stream<Path> existing = Files.list(folder)) {
                next += existing.map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("\\d+"))
                        .mapToInt(Integer::parseInt)
                        .max()
                        .orElse(0);
            }
            return Files.createDirectory(folder.resolve(Integer.toString(next)));
        } catch (IOException | UncheckedIOException e) {
            throw new SluiceException("cannot create a new index generation in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code generation} the active one, atomically, then deletes the generation it replaces
     * and any unfinished ones left by earlier attempts.
     */
    static void activate(Path indexFolder, Path generation) {
        Path previous = active(indexFolder);
        Path current = indexFolder.resolve(CURRENT);
        Path temp = indexFolder.resolve(CURRENT + ".tmp");
        try {
            Files.writeString(
                    temp, indexFolder.relativize(generation).toString().replace('\\', '/') + "\n");
            try {
                Files.move(temp, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, current, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SluiceException("cannot switch " + indexFolder + " to its new generation: " + e.getMessage(), e);
        }
        deleteOthers(indexFolder, previous, generation);
    }

    /** Deletes old generations: best effort, since the switch itself has happened. */
    private static void deleteOthers(Path indexFolder, Path previous, Path keep) {
        try {
            if (previous.equals(indexFolder)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(indexFolder)) {
                    for (Path file : files) {
                        if (Files.isRegularFile(file)
                                && LUCENE_FILE
                                        .matcher(file.getFileName().toString())
                                        .matches()) {
                            Files.deleteIfExists(file);
                        }
                    }
                }
            }
            try (Stream<Path> generations = Files.list(indexFolder.resolve(FOLDER))) {
                for (Path generation : generations.filter(g -> !g.equals(keep)).toList()) {
                    FileTrees.deleteRecursively(generation);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Left-over files cost disk space only; the next switch tries again.
        }
    }
}
