package dev.sluice.bench.regression;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.cli.SluiceCli;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice bench regressions}: runs regression files and prints OK / FAIL per mode and metric. */
@Command(
        name = "regressions",
        mixinStandardHelpOptions = true,
        description = {
            "Check retrieval quality against regression files (regressions/*.yaml): build or update each data set's "
                    + "knowledge base, evaluate every mode, print OK or FAIL per mode and metric; exit 3 on any FAIL.",
            "Knowledge bases are kept in --work and brought up to date incrementally, so a rerun takes seconds."
        })
public final class RegressionsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description =
                    "Regression files (default: every *.yaml in regressions/ of this folder or the nearest above).")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--work",
            paramLabel = "DIR",
            defaultValue = ".sluice/regressions",
            description =
                    "Where knowledge bases are kept between runs, one folder per regression (default ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--threads", paramLabel = "N", description = "Threads embedding and searching (default: cores).")
    Integer threads;

    @Option(names = "--json", description = "Print the results as JSON instead of lines.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<Path> paths = files.isEmpty() ? defaultFiles() : files;
        List<RegressionFile> regressions = new ArrayList<>();
        for (Path p : paths) {
            RegressionFile file = RegressionFileReader.read(p);
            RegressionRunner.dataset(file); // every file and data set checked before the long runs start
            regressions.add(file);
        }
        RegressionRunner.Options options =
                new RegressionRunner.Options(work, dev.sluice.config.EffectiveConfig.threads(threads, "--threads"));
        int width = regressions.stream().mapToInt(r -> r.name().length()).max().orElse(1);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RegressionRunner.Outcome> outcomes = new ArrayList<>();
        for (RegressionFile r : regressions) {
            err.println("regression " + r.name() + " (" + r.file() + "): bringing " + work.resolve(r.name())
                    + " up to date, then evaluating " + r.modes().size() + " mode(s)");
            err.flush();
            RegressionRunner.Outcome outcome = RegressionRunner.run(r, options);
            outcomes.add(outcome);
            if (!json) {
                outcome.lines().forEach(line -> out.println(line.format(width)));
                out.println(summary(outcome));
                out.flush();
            }
        }
        long failed = outcomes.stream()
                .flatMap(o -> o.lines().stream())
                .filter(l -> !l.ok())
                .count();
        long total = outcomes.stream().mapToLong(o -> o.lines().size()).sum();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("ok", failed == 0);
            report.put("figures", total);
            report.put("failed", failed);
            report.put(
                    "regressions",
                    outcomes.stream().map(RegressionsCommand::json).toList());
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report));
        } else {
            out.println(String.format(Locale.ROOT, "%d of %d figures OK, %d FAIL", total - failed, total, failed));
        }
        return failed == 0 ? SluiceCli.EXIT_OK : SluiceCli.EXIT_CHECK_FAILED;
    }

    /** One line under a regression's figures: what was built and how long it took. */
    static String summary(RegressionRunner.Outcome o) {
        return String.format(
                Locale.ROOT,
                "     %s: %d queries; index %d chunks (ingest %d documents, %d unchanged, %.1f s); eval %.1f s",
                o.file().name(),
                o.queries(),
                o.totalChunks(),
                o.ingest().ingested(),
                o.ingest().unchanged(),
                o.ingest().wallMillis() / 1000.0,
                o.evalMillis() / 1000.0);
    }

    private static Map<String, Object> json(RegressionRunner.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.file().name());
        m.put("file", o.file().file().toString());
        m.put("ok", o.ok());
        m.put("queries", o.queries());
        m.put("chunks", o.totalChunks());
        m.put("ingested", o.ingest().ingested());
        m.put("unchanged", o.ingest().unchanged());
        m.put("ingestMillis", o.ingest().wallMillis());
        m.put("evalMillis", o.evalMillis());
        m.put(
                "lines",
                o.lines().stream()
                        .map(l -> {
                            Map<String, Object> line = new LinkedHashMap<>();
                            line.put("status", l.ok() ? "OK" : "FAIL");
                            line.put("mode", l.mode().label());
                            line.put("metric", l.metric().name());
                            line.put("actual", l.actual());
                            line.put("expected", l.expected());
                            line.put("tolerance", l.tolerance());
                            line.put("difference", l.difference());
                            return line;
                        })
                        .toList());
        return m;
    }

    /** Every *.yaml of the nearest regressions/ folder, in name order. */
    static List<Path> defaultFiles() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("regressions");
            if (Files.isDirectory(candidate)) {
                try (Stream<Path> list = Files.list(candidate)) {
                    List<Path> yaml = list.filter(
                                    p -> p.getFileName().toString().endsWith(".yaml"))
                            .sorted()
                            .map(here::relativize) // printed as regressions/NAME.yaml
                            .toList();
                    if (!yaml.isEmpty()) {
                        return yaml;
                    }
                }
            }
        }
        throw new SluiceException("no regressions/*.yaml in this folder or above; name the files to run,"
                + " as in: sluice bench regressions regressions/scifact-train.yaml");
    }
}
