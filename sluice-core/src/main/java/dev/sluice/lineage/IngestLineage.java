package dev.sluice.lineage;

import dev.sluice.catalog.RunCounts;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.Quarantined;
import dev.sluice.ingest.RunObserver;
import dev.sluice.source.Source;
import io.openlineage.client.OpenLineage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenLineage events of ingest runs over one set of sources: START when a run is numbered, then
 * COMPLETE when it published, FAIL when it did not (a contract, the index or the catalog failed) or ABORT
 * when it was interrupted. Each event names the job ({@code namespace}, {@code <knowledge base>.sync}), the
 * run (a stable UUID from the catalog's run number, {@link LineageRunId}), the sources as inputs and the
 * index as output, with facets: the spec's {@code nominalTime}, {@code processing_engine},
 * {@code errorMessage}, {@code jobType}, and Sluice's {@code sluice_settings} (model, chunker),
 * {@code sluice_ingest} (documents and chunks counted) and {@code sluice_quarantine} (reasons).
 *
 * <p>Never throws: building or handing over an event that fails is logged and dropped.
 */
public final class IngestLineage implements RunObserver {
    private static final Logger log = LoggerFactory.getLogger(IngestLineage.class);
    /** Who wrote the events (the spec's {@code producer}). */
    static final URI PRODUCER = URI.create("https://github.com/sluice-dev/sluice");

    static final String CLIENT_VERSION = "1.23.0";

    private final LineageEmitter emitter;
    private final Path index;
    private final List<Source> sources;
    private final int maxChunkTokens;
    private final int overlapTokens;
    private final String namespace;
    private final String knowledgeBase;
    private final String job;
    private final OpenLineage ol = new OpenLineage(PRODUCER);
    private final LineageDatasets datasets = new LineageDatasets(ol);

    /**
     * The events of runs into {@code index} over {@code sources}, chunked at {@code maxChunkTokens} with
     * {@code overlapTokens}, sent through {@code emitter}.
     */
    public IngestLineage(
            LineageEmitter emitter, Path index, List<Source> sources, int maxChunkTokens, int overlapTokens) {
        this.emitter = emitter;
        this.index = index;
        this.sources = List.copyOf(sources);
        this.maxChunkTokens = maxChunkTokens;
        this.overlapTokens = overlapTokens;
        LineageSettings settings = emitter.settings();
        this.namespace = settings.namespace();
        this.knowledgeBase = knowledgeBaseName(index);
        this.job = settings.job() != null ? settings.job() : knowledgeBase + ".sync";
    }

    /**
     * The knowledge base's name: the folder above {@code .sluice} for the default index
     * ({@code ~/projects/handbook/.sluice/index} is {@code handbook}), else the index folder's own name.
     */
    public static String knowledgeBaseName(Path index) {
        Path folder = index.toAbsolutePath().normalize();
        Path parent = folder.getParent();
        if (folder.getFileName() != null
                && folder.getFileName().toString().equals("index")
                && parent != null
                && parent.getFileName() != null
                && parent.getFileName().toString().equals(".sluice")
                && parent.getParent() != null
                && parent.getParent().getFileName() != null) {
            return parent.getParent().getFileName().toString();
        }
        return folder.getFileName() == null ? "sluice" : folder.getFileName().toString();
    }

    /** The job name events carry. */
    public String job() {
        return job;
    }

    @Override
    public void started(Start run) {
        emit(
                run,
                () -> event(
                        OpenLineage.RunEvent.EventType.START,
                        run,
                        runFacets(run).build(),
                        null));
    }

    @Override
    public void completed(Start run, IngestReport report, int newDocuments) {
        emit(run, () -> {
            Map<String, Object> documents = new LinkedHashMap<>();
            documents.put("seen", report.seen());
            documents.put("indexed", report.ingested());
            documents.put("new", newDocuments);
            documents.put("changed", report.ingested() - newDocuments);
            documents.put("unchanged", report.unchanged());
            documents.put("deleted", report.deleted());
            documents.put("quarantined", report.quarantined().size());
            Map<String, Integer> reasons = new TreeMap<>();
            for (Quarantined q : report.quarantined()) {
                reasons.merge(q.reason().name(), 1, Integer::sum);
            }
            OpenLineage.RunFacetsBuilder facets = runFacets(run)
                    .put(
                            "sluice_ingest",
                            ingestFacet(
                                    documents,
                                    report.chunks(),
                                    report.embeddingsComputed(),
                                    report.embeddingsReused(),
                                    report.wallMillis(),
                                    report.failedSources()))
                    .put(
                            "sluice_quarantine",
                            new SluiceRunFacet(
                                    PRODUCER,
                                    "SluiceQuarantineRunFacet",
                                    Map.of("total", report.quarantined().size(), "reasons", reasons)));
            return event(OpenLineage.RunEvent.EventType.COMPLETE, run, facets.build(), (long) report.chunks());
        });
    }

    @Override
    public void failed(Start run, RunCounts counts, String message, boolean aborted) {
        emit(run, () -> {
            Map<String, Object> documents = new LinkedHashMap<>();
            documents.put("seen", counts.seen());
            documents.put("indexed", counts.ingested());
            documents.put("unchanged", counts.unchanged());
            documents.put("deleted", counts.deleted());
            documents.put("quarantined", counts.quarantined());
            OpenLineage.RunFacetsBuilder facets = runFacets(run)
                    .errorMessage(ol.newErrorMessageRunFacetBuilder()
                            .message(message == null ? "unknown" : message)
                            .programmingLanguage("Java")
                            .build())
                    .put(
                            "sluice_ingest",
                            ingestFacet(
                                    documents,
                                    counts.chunks(),
                                    counts.embeddingsComputed(),
                                    counts.embeddingsReused(),
                                    null,
                                    Map.of()));
            return event(
                    aborted ? OpenLineage.RunEvent.EventType.ABORT : OpenLineage.RunEvent.EventType.FAIL,
                    run,
                    facets.build(),
                    null);
        });
    }

    private SluiceRunFacet ingestFacet(
            Map<String, Object> documents,
            int chunks,
            int computed,
            int reused,
            Long wallMillis,
            Map<String, String> failedSources) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("documents", documents);
        fields.put("chunks", Map.of("written", chunks, "embedded", computed, "reused", reused));
        if (wallMillis != null) {
            fields.put("wallMillis", wallMillis);
        }
        if (!failedSources.isEmpty()) {
            fields.put("failedSources", new TreeMap<>(failedSources));
        }
        return new SluiceRunFacet(PRODUCER, "SluiceIngestRunFacet", fields);
    }

    /** The facets every event of a run carries. */
    private OpenLineage.RunFacetsBuilder runFacets(Start run) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", run.modelId());
        model.put("version", run.modelVersion());
        Map<String, Object> chunker = new LinkedHashMap<>();
        if (run.chunkerVersion() != null) {
            chunker.put("version", run.chunkerVersion());
        }
        chunker.put("maxTokens", maxChunkTokens);
        chunker.put("overlapTokens", overlapTokens);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("catalogRunId", run.runId());
        settings.put("index", index.toAbsolutePath().normalize().toString());
        settings.put("embeddingModel", model);
        settings.put("chunker", chunker);
        return ol.newRunFacetsBuilder()
                .nominalTime(ol.newNominalTimeRunFacetBuilder()
                        .nominalStartTime(time(run.startedMillis()))
                        .build())
                .processing_engine(ol.newProcessingEngineRunFacetBuilder()
                        .name("sluice")
                        .version(SluiceVersion.VALUE)
                        .openlineageAdapterVersion(CLIENT_VERSION)
                        .build())
                .put("sluice_settings", new SluiceRunFacet(PRODUCER, "SluiceSettingsRunFacet", settings));
    }

    private OpenLineage.RunEvent event(
            OpenLineage.RunEvent.EventType type, Start run, OpenLineage.RunFacets facets, Long rowCount) {
        ZonedDateTime when = type == OpenLineage.RunEvent.EventType.START
                ? time(run.startedMillis())
                : ZonedDateTime.now(ZoneOffset.UTC);
        return ol.newRunEventBuilder()
                .eventType(type)
                .eventTime(when)
                .run(ol.newRunBuilder()
                        .runId(LineageRunId.of(index, run.runId(), run.startedMillis()))
                        .facets(facets)
                        .build())
                .job(ol.newJobBuilder()
                        .namespace(namespace)
                        .name(job)
                        .facets(ol.newJobFacetsBuilder()
                                .jobType(ol.newJobTypeJobFacetBuilder()
                                        .processingType("BATCH")
                                        .integration("SLUICE")
                                        .jobType("SYNC")
                                        .build())
                                .build())
                        .build())
                .inputs(datasets.inputs(sources))
                .outputs(List.of(datasets.output(index, knowledgeBase, rowCount)))
                .build();
    }

    private static ZonedDateTime time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
    }

    private void emit(Start run, java.util.function.Supplier<OpenLineage.RunEvent> event) {
        try {
            emitter.emit(event.get());
        } catch (RuntimeException | LinkageError e) {
            log.warn(
                    "lineage: no event for run {} of {}: {}; the run is not affected",
                    run == null ? "?" : run.runId(),
                    job,
                    e.toString());
        }
    }

    /** Sluice's version, from the core jar's Maven descriptor; "development" when run from classes. */
    static final class SluiceVersion {
        static final String VALUE = read();

        private static String read() {
            try (InputStream in =
                    IngestLineage.class.getResourceAsStream("/META-INF/maven/dev.sluice/sluice-core/pom.properties")) {
                if (in == null) {
                    return "development";
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "development");
            } catch (IOException e) {
                return "development";
            }
        }

        private SluiceVersion() {}
    }
}
