package dev.sluice.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.sluice.core.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {
    @Test
    void should_log_text_with_sluice_at_info_and_libraries_errors_only_for_a_command() {
        assertThat(LogSettings.command(Map.of()))
                .isEqualTo(new LogSettings(LogSettings.Format.TEXT, Level.INFO, Level.ERROR, false));
        assertThat(LogSettings.command(Map.of("SLUICE_LOG_FORMAT", " JSON ", "SLUICE_LOG_LEVEL", "debug")))
                .isEqualTo(new LogSettings(LogSettings.Format.JSON, Level.DEBUG, Level.ERROR, false));
        assertThat(LogSettings.command(Map.of("SLUICE_LOG_FORMAT", "", "SLUICE_LOG_LEVEL", " ")))
                .as("a blank variable counts as unset")
                .isEqualTo(LogSettings.command(Map.of()));
    }

    @Test
    void should_log_json_with_libraries_warnings_and_the_access_log_for_the_service_flags_first() {
        assertThat(LogSettings.service(null, null, true, Map.of()))
                .isEqualTo(new LogSettings(LogSettings.Format.JSON, Level.INFO, Level.WARN, true));
        Map<String, String> env = Map.of("SLUICE_LOG_FORMAT", "text", "SLUICE_LOG_LEVEL", "warn");
        assertThat(LogSettings.service(null, null, false, env))
                .isEqualTo(new LogSettings(LogSettings.Format.TEXT, Level.WARN, Level.WARN, false));
        assertThat(LogSettings.service("json", "trace", true, env))
                .isEqualTo(new LogSettings(LogSettings.Format.JSON, Level.TRACE, Level.WARN, true));
    }

    @Test
    void should_name_the_flag_or_variable_whose_value_is_not_a_format_or_level() {
        assertThatThrownBy(() -> LogSettings.service("xml", null, true, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--log-format must be text or json, got 'xml'");
        assertThatThrownBy(() -> LogSettings.service(null, "loud", true, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--log-level must be one of error, warn, info, debug, trace, got 'loud'");
        assertThatThrownBy(() -> LogSettings.command(Map.of("SLUICE_LOG_FORMAT", "pretty")))
                .isInstanceOf(UsageException.class)
                .hasMessage("SLUICE_LOG_FORMAT must be text or json, got 'pretty'");
        assertThatThrownBy(() -> LogSettings.command(Map.of("SLUICE_LOG_LEVEL", "off")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("SLUICE_LOG_LEVEL must be one of");
    }
}
