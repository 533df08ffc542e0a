package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a client calls an uploaded file never decides where it lands. */
class UploadNamesTest {
    @Test
    void should_keep_only_the_last_segment_of_a_path_in_either_separator() {
        assertThat(UploadNames.fileName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(UploadNames.fileName("C:\\Users\\ana\\report.pdf")).isEqualTo("report.pdf");
        assertThat(UploadNames.fileName("/abs/path/notes.md")).isEqualTo("notes.md");
    }

    @Test
    void should_replace_control_and_special_characters_and_drop_leading_dots() {
        assertThat(UploadNames.fileName("a\u0000b|c*?.md")).isEqualTo("a_b_c__.md");
        assertThat(UploadNames.fileName("..hidden.md")).isEqualTo("hidden.md");
        assertThat(UploadNames.fileName(" . .env")).isEqualTo("env");
        assertThat(UploadNames.fileName("résumé (final) v2+.pdf")).isEqualTo("résumé (final) v2+.pdf");
    }

    @Test
    void should_refuse_a_file_name_longer_than_the_limit_saying_it_is_too_long() {
        assertThat(UploadNames.fileName("x".repeat(196) + ".pdf")).hasSize(UploadNames.MAX_BYTES);
        assertThat(UploadNames.fileName("/a/long/folder/".repeat(50) + "report.pdf"))
                .as("only the last segment counts")
                .isEqualTo("report.pdf");
        for (String tooLong : new String[] {"x".repeat(197) + ".pdf", "x".repeat(10_000), "報".repeat(67) + ".md"}) {
            assertThatThrownBy(() -> UploadNames.fileName(tooLong))
                    .isInstanceOfSatisfying(
                            ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("is too long")
                    .hasMessageContaining("at most 200");
        }
    }

    @Test
    void should_refuse_names_with_nothing_left_and_names_of_access_sidecars() {
        for (String bad : new String[] {"", "   ", "..", "../", "/", "...", "\\"}) {
            assertThatThrownBy(() -> UploadNames.fileName(bad))
                    .as("'%s'", bad)
                    .isInstanceOfSatisfying(
                            ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> UploadNames.fileName("report.pdf.access.json"))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining("reserved for access lists");
    }

    @Test
    void should_resolve_only_directly_inside_the_folder() {
        Path folder = Path.of("/srv/uploads/ana");
        assertThat(UploadNames.inside(folder, "a.md")).isEqualTo(Path.of("/srv/uploads/ana/a.md"));
        assertThatThrownBy(() -> UploadNames.inside(folder, "../b.md")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> UploadNames.inside(folder, "sub/c.md")).isInstanceOf(ApiError.class);
        assertThat(UploadNames.folderName("team/ops")).isEqualTo("ops");
        assertThat(UploadNames.folderName("..")).isEqualTo("_");
    }
}
