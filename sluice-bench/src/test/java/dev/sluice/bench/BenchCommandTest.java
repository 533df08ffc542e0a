package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With sluice-bench on the class path, {@code sluice bench} joins the CLI's commands. */
class BenchCommandTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "bench",
                "bench ingest",
                "bench query",
                "bench sync",
                "bench gateway",
                "bench serve",
                "bench tracing",
                "bench diagnose",
                "bench dedup",
                "bench dedup-sample",
                "bench checks",
                "bench transforms-effect",
                "bench scale-out"
            })
    void should_print_help_and_exit_0_for_every_bench_command(String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCli.execute(
                (command + " --help").split(" "), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Usage: sluice " + command);
    }
}
