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
    void should_shorten_long_names_keeping_their_extension() {
        String name = UploadNames.fileName("x".repeat(500) + ".pdf");
        assertThat(name).hasSize(UploadNames.MAX_LENGTH).endsWith(".pdf");
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
