package dev.sluice.spark;

import dev.sluice.core.UsageException;
import dev.sluice.ingest.IngestReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The command line of {@link SparkIngest#main}, and the one-line summary it prints. */
final class SparkIngestArgs {
    static final String USAGE = "usage: spark-submit --class dev.sluice.spark.SparkIngest ... sluice.yaml"
            + " [--partitions N] [--wave DOCUMENTS] [--index-backend NAME] [--index-setting KEY=VALUE]...";

    private SparkIngestArgs() {}

    static SparkIngest.Options parse(String[] args) {
        Path config = null;
        int partitions = 0;
        int wave = 2_000;
        String backend = null; // sluice.yaml's index.backend
        Map<String, String> settings = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--partitions" -> partitions = number(arg, value(args, ++i, arg));
                case "--wave" -> wave = number(arg, value(args, ++i, arg));
                case "--index-backend" -> backend = value(args, ++i, arg);
                case "--index-setting" -> {
                    String kv = value(args, ++i, arg);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--index-setting takes KEY=VALUE, got " + kv);
                    }
                    settings.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> {
                    if (arg.startsWith("--") || config != null) {
                        throw new UsageException("unknown argument " + arg);
                    }
                    config = Path.of(arg);
                }
            }
        }
        if (config == null) {
            throw new UsageException("give the knowledge base's sluice.yaml");
        }
        return new SparkIngest.Options(config, partitions, backend, settings, wave);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " takes a whole number, got " + value);
        }
    }

    static String summary(IngestReport r) {
        return String.format(
                Locale.ROOT,
                "run %d: %d seen, %d ingested, %d unchanged, %d quarantined, %d deleted; %d chunks, %d embedded,"
                        + " %d from cache; %.1f s",
                r.runId(),
                r.seen(),
                r.ingested(),
                r.unchanged(),
                r.quarantined().size(),
                r.deleted(),
                r.chunks(),
                r.embeddingsComputed(),
                r.embeddingsReused(),
                r.wallMillis() / 1000.0);
    }
}
