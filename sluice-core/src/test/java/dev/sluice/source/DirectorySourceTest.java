package dev.sluice.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.QuarantineReason;
import dev.sluice.core.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
    @TempDir
    Path dir;

    @Test
    void should_list_files_in_stable_order_and_skip_hidden_ones() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.md"), "a");
        Files.writeString(dir.resolve(".hidden.txt"), "h");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "x");
        Listing listing = DirectorySource.of(dir).list();
        assertThat(listing.items()).extracting(SourceItem::relativePath).containsExactly("b.txt", "sub/a.md");
        assertThat(listing.skippedHidden())
                .as("the hidden file and the hidden folder")
                .isEqualTo(2);
        assertThat(listing.failures()).isEmpty();
    }

    @Test
    void should_record_a_symlink_loop_as_a_failure_instead_of_hanging() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/loop"), dir);
        Listing listing = DirectorySource.of(dir).list();
        assertThat(listing.items()).extracting(SourceItem::relativePath).containsExactly("a.txt");
        assertThat(listing.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(QuarantineReason.SYMLINK_LOOP);
            assertThat(f.path()).isEqualTo("sub/loop");
            assertThat(f.message()).contains("loops back");
        });
        assertThat(listing.seen()).isEqualTo(2);
    }

    @Test
    void should_record_a_broken_symlink_as_unreadable() throws Exception {
        Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("missing.txt"));
        Listing listing = DirectorySource.of(dir).list();
        assertThat(listing.failures())
                .singleElement()
                .extracting(ListingFailure::reason)
                .isEqualTo(QuarantineReason.UNREADABLE);
    }

    @Test
    void should_apply_include_and_exclude_globs_to_relative_paths() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/x.pdf"), "x");
        Files.writeString(dir.resolve("a/y.md"), "y");
        Files.writeString(dir.resolve("z.pdf"), "z");
        Listing listing = new DirectorySource("s", dir, List.of("**.pdf"), List.of("a/b/**")).list();
        assertThat(listing.items()).extracting(SourceItem::relativePath).containsExactly("z.pdf");
        assertThat(listing.skippedByGlobs()).isEqualTo(2);
    }

    @Test
    void should_match_a_leading_double_star_glob_at_the_top_folder_too() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/x.pdf"), "x");
        Files.writeString(dir.resolve("top.pdf"), "t");
        Files.writeString(dir.resolve("top.md"), "m");
        Listing listing = new DirectorySource("s", dir, List.of("**/*.pdf"), List.of()).list();
        assertThat(listing.items()).extracting(SourceItem::relativePath).containsExactly("a/x.pdf", "top.pdf");
    }

    @Test
    void should_quarantine_a_named_pipe_instead_of_reading_it_forever() throws Exception {
        Path fifo = dir.resolve("pipe.txt");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        Listing listing = DirectorySource.of(dir).list();
        assertThat(listing.items()).isEmpty();
        assertThat(listing.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("pipe.txt");
            assertThat(f.reason()).isEqualTo(QuarantineReason.UNSUPPORTED_TYPE);
        });
    }

    @Test
    void should_list_a_single_file_given_directly() throws Exception {
        Path file = Files.writeString(dir.resolve("one.txt"), "1");
        Listing listing = DirectorySource.of(file).list();
        assertThat(listing.items())
                .singleElement()
                .extracting(SourceItem::relativePath)
                .isEqualTo("one.txt");
    }

    @Test
    void should_fail_clearly_when_the_root_does_not_exist() {
        assertThatThrownBy(() -> DirectorySource.of(dir.resolve("nope")).list())
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void should_leave_out_what_gitignore_files_ignore_with_nested_files_and_negations() throws Exception {
        Files.writeString(dir.resolve(".gitignore"), "*.log\nbuild/\n");
        Files.writeString(dir.resolve("notes.md"), "n");
        Files.writeString(dir.resolve("debug.log"), "d");
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/out.md"), "o");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/.gitignore"), "!keep.log\nsecret.md\n");
        Files.writeString(dir.resolve("sub/keep.log"), "k");
        Files.writeString(dir.resolve("sub/other.log"), "o");
        Files.writeString(dir.resolve("sub/secret.md"), "s");
        Files.writeString(dir.resolve("sub/public.md"), "p");

        Listing ignoring = new DirectorySource("s", dir, List.of(), List.of(), true).list();
        assertThat(ignoring.items())
                .extracting(SourceItem::relativePath)
                .containsExactly("notes.md", "sub/keep.log", "sub/public.md");
        assertThat(ignoring.skippedByGlobs())
                .as("debug.log, build/, sub/other.log, sub/secret.md")
                .isEqualTo(4);

        Listing all = new DirectorySource("s", dir, List.of(), List.of(), false).list();
        assertThat(all.items()).hasSize(7);
    }
}
