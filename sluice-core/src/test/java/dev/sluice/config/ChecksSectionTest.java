package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksSectionTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sluice.yaml"), yaml);
    }

    @Test
    void should_check_conflicts_by_default_and_not_when_the_file_says_false() throws Exception {
        assertThat(ConfigLoader.load(write("index: idx\n")).checks().conflicts())
                .isTrue();
        EffectiveConfig off =
                EffectiveConfig.resolve(ConfigLoader.load(write("checks:\n  conflicts: false\n")), Flags.NONE);
        assertThat(off.checks().conflicts()).isFalse();
        assertThat(EffectiveSettings.of(off))
                .filteredOn(s -> s.key().equals("checks.conflicts"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.value()).isEqualTo(false);
                    assertThat(s.origin()).hasToString("sluice.yaml:2");
                });
        assertThat(SluiceConfig.defaults().checks().conflicts()).isTrue();
    }

    @Test
    void should_name_the_key_and_line_of_a_bad_checks_setting() throws Exception {
        Path notBoolean = write("checks:\n  conflicts: sometimes\n");
        assertThatThrownBy(() -> ConfigLoader.load(notBoolean))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(notBoolean + ":2: checks.conflicts");
        Path unknown = write("checks:\n  conflict: true\n");
        assertThatThrownBy(() -> ConfigLoader.load(unknown))
                .hasMessageContaining("unknown key 'checks.conflict' (did you mean 'conflicts'?)");
    }
}
