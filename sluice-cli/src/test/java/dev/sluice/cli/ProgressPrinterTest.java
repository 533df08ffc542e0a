package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingest.ProgressListener.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    @Test
    void should_estimate_time_left_from_bytes_not_file_counts() {
        // 1 of 2 files done, but it was the small one: 10% of the bytes in 10 s leaves 90 s.
        String line = ProgressPrinter.line(new Progress(1, 2, 100, 1000, 40, 10_000));
        assertThat(line)
                .contains("1/2 files")
                .contains("40 chunks")
                .contains("4.0 chunks/s")
                .contains("ETA 1m30s");
        assertThat(line).startsWith("[==>");
    }

    @Test
    void should_say_done_with_a_full_bar_at_the_end() {
        assertThat(ProgressPrinter.line(new Progress(2, 2, 1000, 1000, 80, 20_000)))
                .startsWith("[" + "=".repeat(24) + "]")
                .endsWith("done");
    }

    @Test
    void should_write_plain_log_lines_when_not_on_a_terminal() {
        StringWriter err = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(err, true), false);
        printer.progress(new Progress(1, 3, 10, 30, 5, 100)); // too soon after the start: skipped
        printer.progress(new Progress(2, 3, 20, 30, 10, 6_000));
        printer.progress(new Progress(3, 3, 30, 30, 15, 6_100)); // the last one is always shown
        assertThat(err.toString())
                .doesNotContain("\r")
                .contains("ingest: [")
                .contains("2/3 files")
                .contains("3/3 files");
        assertThat(err.toString().lines()).hasSize(2);
    }

    @Test
    void should_redraw_one_line_in_place_on_a_terminal() {
        StringWriter err = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(err, true), true);
        printer.progress(new Progress(1, 2, 10, 20, 5, 300));
        printer.progress(new Progress(2, 2, 20, 20, 9, 600));
        assertThat(err.toString())
                .startsWith("\r[")
                .contains("\r[" + "=".repeat(24))
                .endsWith(System.lineSeparator());
    }
}
