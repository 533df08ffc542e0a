package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.IngestOptions;
import dev.sluice.index.IndexLanguage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code index} key: a folder, or a mapping of the folder and the BM25 analysis language. */
class IndexSectionTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sluice.yaml"), yaml);
    }

    @Test
    void should_analyze_in_English_when_the_index_is_given_as_a_folder_or_not_at_all() throws Exception {
        SluiceConfig folder = ConfigLoader.load(write("index: idx\n"));
        assertThat(folder.index()).isEqualTo(dir.toAbsolutePath().resolve("idx"));
        assertThat(folder.language()).isEqualTo(IndexLanguage.EN);
        assertThat(ConfigLoader.load(write("# empty\n")).language()).isEqualTo(IndexLanguage.EN);
        assertThat(SluiceConfig.defaults().language()).isEqualTo(IndexLanguage.EN);
    }

    @Test
    void should_read_the_folder_and_the_language_of_an_index_mapping_into_the_ingest_options() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("index:\n  path: idx-de\n  language: de\n"));
        assertThat(config.index()).isEqualTo(dir.toAbsolutePath().resolve("idx-de"));
        assertThat(config.language()).isEqualTo(IndexLanguage.DE);

        EffectiveConfig effective = EffectiveConfig.resolve(config, Flags.NONE);
        assertThat(effective.language()).isEqualTo(IndexLanguage.DE);
        assertThat(effective.origin("index.language").toString()).contains("sluice.yaml:3");
        assertThat(IngestOptions.of(effective, List.of(IngestOptions.uploads(effective.index())))
                        .language())
                .isEqualTo(IndexLanguage.DE);
        assertThat(EffectiveSettings.of(effective))
                .anySatisfy(s -> assertThat(s.key() + "=" + s.value()).isEqualTo("index.language=de"));
    }

    @Test
    void should_keep_the_default_folder_when_the_mapping_names_only_the_language() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("index:\n  language: standard\n"));
        assertThat(config.index()).isEqualTo(dir.toAbsolutePath().resolve(".sluice/index"));
        assertThat(config.language()).isEqualTo(IndexLanguage.STANDARD);
    }

    @Test
    void should_refuse_an_unknown_language_naming_file_line_key_and_the_supported_ones() throws Exception {
        Path file = write("index:\n  path: idx\n  language: klingon\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: index.language: unknown language \"klingon\"; supported: en, de, fr, es, it,"
                        + " pt, nl, sv, ru, ar, zh, ja, ko, standard");
    }

    @Test
    void should_refuse_an_unknown_key_of_the_index_mapping_with_the_closest_known_one() throws Exception {
        Path file = write("index:\n  path: idx\n  lang: de\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: unknown key 'index.lang' (did you mean 'language'?)");
    }
}
