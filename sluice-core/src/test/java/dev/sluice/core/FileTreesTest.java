package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void should_delete_a_folder_with_nested_folders_and_files() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("top.txt"), "x");
        Files.writeString(root.resolve("a/b/c/deep.txt"), "y");
        Files.createDirectories(root.resolve("empty"));

        FileTrees.deleteRecursively(root);

        assertThat(root).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void should_do_nothing_when_the_path_does_not_exist() {
        assertThatNoException().isThrownBy(() -> FileTrees.deleteRecursively(dir.resolve("absent")));
    }

    @Test
    void should_delete_a_single_file() throws IOException {
        Path file = Files.writeString(dir.resolve("one.txt"), "x");

        FileTrees.deleteRecursively(file);

        assertThat(file).doesNotExist();
    }

    @Test
    void should_delete_a_link_but_not_what_it_points_to() throws IOException {
        Path kept = Files.createDirectories(dir.resolve("kept"));
        Files.writeString(kept.resolve("keep.txt"), "x");
        Path root = Files.createDirectories(dir.resolve("root"));
        try {
            Files.createSymbolicLink(root.resolve("link"), kept);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }

        FileTrees.deleteRecursively(root);

        assertThat(root).doesNotExist();
        assertThat(kept.resolve("keep.txt")).exists();
    }

    @Test
    void should_name_the_path_it_cannot_delete_and_delete_the_rest() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Path root = dir.resolve("root");
        Path locked = Files.createDirectories(root.resolve("locked"));
        Files.writeString(locked.resolve("stuck.txt"), "x");
        Files.writeString(root.resolve("free.txt"), "y");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "running as a user who may write anywhere (root)");

            assertThatThrownBy(() -> FileTrees.deleteRecursively(root))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot delete " + locked.resolve("stuck.txt"))
                    .hasMessageContaining("deleting the folder " + root);
            assertThat(root.resolve("free.txt")).doesNotExist();
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
