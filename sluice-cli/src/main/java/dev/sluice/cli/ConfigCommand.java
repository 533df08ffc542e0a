package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.config.SluiceConfig;
import dev.sluice.embed.EmbeddingModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Inspect the pipeline configuration.",
        subcommands = {ConfigCommand.Show.class})
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: show");
    }

    /** A duration as written in sluice.yaml: 7d, 24h, 30m or 90s. */
    static String human(java.time.Duration d) {
        long seconds = d.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print the effective configuration (sluice.yaml over the defaults) with resolved paths.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws JsonProcessingException {
            SluiceConfig c = config.load();
            EmbeddingModelSpec model = EmbeddingModelSpec.byId(c.embedding().model());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(
                    "file",
                    c.file() == null
                            ? "(none: built-in defaults)"
                            : c.file().toAbsolutePath().toString());
            out.put("index", c.index().toAbsolutePath().normalize().toString());
            Map<String, Object> embedding = new LinkedHashMap<>();
            embedding.put("model", model.id());
            embedding.put("modelVersion", model.version());
            embedding.put("dimensions", model.dimensions());
            embedding.put(
                    "threads",
                    c.embedding().threads() != null
                            ? c.embedding().threads()
                            : Runtime.getRuntime().availableProcessors());
            out.put("embedding", embedding);
            Map<String, Object> chunking = new LinkedHashMap<>();
            chunking.put(
                    "maxTokens",
                    c.chunking().maxTokens() != null
                            ? c.chunking().maxTokens()
                            : dev.sluice.chunk.ChunkerSettings.defaultsWithin(model.maxChunkTokens())
                                    .maxTokens());
            chunking.put("overlapTokens", c.chunking().overlapTokens());
            out.put("chunking", chunking);
            Map<String, Object> extraction = new LinkedHashMap<>();
            extraction.put("maxFileMb", c.extraction().maxFileMb());
            extraction.put("parseTimeoutSeconds", c.extraction().parseTimeoutSeconds());
            out.put("extraction", extraction);
            List<Map<String, Object>> sources = new ArrayList<>();
            for (SluiceConfig.Source s : c.sources()) {
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("name", s.name());
                if (s.web()) {
                    source.put("urls", s.urls().stream().map(Object::toString).toList());
                    source.put(
                            "sitemaps",
                            s.sitemaps().stream().map(Object::toString).toList());
                    Map<String, Object> http = new LinkedHashMap<>();
                    http.put("allowPrivateAddresses", s.http().allowPrivateAddresses());
                    http.put("allowedHosts", s.http().allowedHosts());
                    http.put("maxMb", s.http().maxBytes() / (1024 * 1024));
                    http.put("timeoutSeconds", s.http().timeoutMillis() / 1000);
                    http.put("concurrency", s.http().concurrency());
                    http.put("requestsPerSecond", s.http().requestsPerSecond());
                    http.put("retries", s.http().retries());
                    source.put("http", http);
                } else {
                    source.put("path", s.path().toAbsolutePath().toString());
                    source.put("include", s.include());
                    source.put("exclude", s.exclude());
                    source.put("gitignore", s.gitignore());
                }
                source.put("freshness", s.freshness() == null ? "none" : human(s.freshness()));
                source.put(
                        "access",
                        s.access().open()
                                ? "every caller"
                                : Map.of(
                                        "principals",
                                        s.access().principals(),
                                        "groups",
                                        s.access().groups()));
                sources.add(source);
            }
            out.put("sources", sources);
            Map<String, Object> retrieval = new LinkedHashMap<>();
            retrieval.put(
                    "bm25",
                    Map.of("k1", c.retrieval().bm25K1(), "b", c.retrieval().bm25B()));
            retrieval.put("denseCandidates", c.retrieval().denseCandidates());
            retrieval.put("fusionDepth", c.retrieval().fusionDepth());
            retrieval.put("rrfK", c.retrieval().rrfK());
            retrieval.put("bm25Weight", c.retrieval().bm25Weight());
            retrieval.put("denseWeight", c.retrieval().denseWeight());
            out.put("retrieval", retrieval);
            Map<String, Object> eval = new LinkedHashMap<>();
            eval.put("gates", c.eval().gates().stream().map(Object::toString).toList());
            if (c.eval().maxDrop() != null) {
                eval.put(
                        "regression",
                        Map.of("maxDrop", c.eval().maxDrop(), "alpha", c.eval().alpha()));
            }
            out.put("eval", eval);
            if (c.llm() != null) {
                Map<String, Object> llm = new LinkedHashMap<>();
                llm.put("baseUrl", c.llm().settings().baseUrl().toString());
                llm.put("model", c.llm().settings().model());
                // Only the variable's name: the key itself is never read here, let alone printed.
                llm.put("apiKeyEnv", c.llm().settings().apiKeyEnv());
                llm.put("provider", c.llm().settings().provider().label());
                if (c.llm().settings().azure() != null) {
                    Map<String, Object> azure = new LinkedHashMap<>();
                    azure.put("apiVersion", c.llm().settings().azure().apiVersion());
                    azure.put(
                            "deployments",
                            new java.util.TreeMap<>(c.llm().settings().azure().deployments()));
                    llm.put("azure", azure);
                }
                llm.put("tokenParameter", c.llm().settings().tokenParameter().label());
                llm.put("strongModel", c.llm().strongModel());
                llm.put("maxAnswerTokens", c.llm().maxAnswerTokens());
                llm.put("timeoutSeconds", c.llm().settings().timeoutMillis() / 1000);
                llm.put("retries", c.llm().settings().retries());
                llm.put(
                        "budgetUsd",
                        Map.of(
                                "daily", c.llm().budget().dailyPicoUsd() / 1e12,
                                "monthly", c.llm().budget().monthlyPicoUsd() / 1e12));
                out.put("llm", llm);
            }
            spec.commandLine().getOut().print(new YAMLMapper().writeValueAsString(out));
            spec.commandLine().getOut().flush();
            return SluiceCli.EXIT_OK;
        }
    }
}
