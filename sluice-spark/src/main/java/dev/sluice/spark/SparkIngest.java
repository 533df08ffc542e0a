package dev.sluice.spark;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.backend.Backends;
import dev.sluice.backend.CatalogStores;
import dev.sluice.backend.IndexBackend;
import dev.sluice.catalog.RunCounts;
import dev.sluice.config.BackendChoice;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.AccessList;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.embed.Embedder;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import dev.sluice.ingest.DocumentProcessor;
import dev.sluice.ingest.IngestPipeline;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RemoteDocument;
import dev.sluice.ingest.RunObserver;
import dev.sluice.ingest.RunOptions;
import dev.sluice.lineage.IngestLineage;
import dev.sluice.lineage.LineageEmitter;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Listing;
import dev.sluice.source.Source;
import dev.sluice.source.SourceItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Ingestion as a Spark job: the sources of sluice.yaml are listed and the changed documents found on the
 * driver, exactly as {@code sluice sync} finds them; the documents are prepared and embedded on the
 * executors ({@link PartitionTask}) with the core's stage code and the same chunk ids; the driver then
 * publishes the run as a local run does (index commit, catalog changes, run record, sources, lineage).
 *
 * <p>Where chunks are written depends on the index backend: the embedded Lucene index takes one writer, so
 * executors send each document's chunks and vectors back and the driver writes them; a shared backend
 * ({@code opensearch}) takes writes from every executor, so they write directly and the driver only
 * commits. Run it with {@code spark-submit} ({@link #main}) or, in a test or on one machine, with
 * {@code local[N]} ({@link #run}).
 */
public class SparkIngest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SparkIngest.class);

    /** The embedded index backend: one writer, the driver. */
    public static final String EMBEDDED_INDEX = "lucene";

    /**
     * What to run.
     *
     * @param config sluice.yaml; every executor must read it, and the sources' files, at the same paths
     * @param partitions Spark partitions per wave; 0: twice the default parallelism
     * @param indexBackend null for sluice.yaml's {@code index.backend}; else another name (such as a test's
     *     backend), found by its provider
     * @param indexSettings that backend's settings (its {@code index} section); ignored when null
     * @param waveDocuments documents sent to the executors at a time (bounds the driver's memory: a wave's
     *     chunks and vectors come back together)
     */
    public record Options(
            Path config, int partitions, String indexBackend, Map<String, String> indexSettings, int waveDocuments) {
        public Options {
            config = config.toAbsolutePath().normalize();
            indexSettings = indexSettings == null ? Map.of() : Map.copyOf(indexSettings);
            if (partitions < 0 || waveDocuments <= 0) {
                throw new UsageException(
                        "--partitions must be >= 0 and --wave > 0, got " + partitions + " and " + waveDocuments);
            }
        }

        /** The engines of sluice.yaml, default partitions and waves of 2,000 documents. */
        public static Options of(Path config) {
            return new Options(config, 0, null, Map.of(), 2_000);
        }

        public Options withPartitions(int n) {
            return new Options(config, n, indexBackend, indexSettings, waveDocuments);
        }
    }

    /** Whether executors write to the index themselves: every backend but the embedded one. */
    static boolean writesOnExecutors(Backends backends) {
        return !EMBEDDED_INDEX.equals(backends.choice().index().name());
    }

    /** The engines of a run: sluice.yaml's, with the index another when the options name one. */
    static Backends backends(EffectiveConfig config, String indexBackend, Map<String, String> indexSettings) {
        SluiceConfig.Backends chosen = indexBackend == null
                ? config.backends()
                : new SluiceConfig.Backends(
                        new BackendChoice(indexBackend, indexSettings),
                        config.backends().catalog());
        return Backends.of(chosen, config.index(), System.getenv());
    }

    /** {@code spark-submit ... sluice-spark.jar sluice.yaml [--partitions N] [--wave N] [--index-backend NAME]}. */
    public static void main(String[] args) {
        Options options;
        try {
            options = SparkIngestArgs.parse(args);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(SparkIngestArgs.USAGE);
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("sluice-ingest").getOrCreate();
        int exit = 0;
        try {
            IngestReport report = new SparkIngest().run(spark, options);
            System.out.println(SparkIngestArgs.summary(report));
            exit = report.failedSources().isEmpty() ? 0 : 1;
        } catch (SluiceException e) {
            System.err.println("error: " + e.getMessage());
            exit = 1;
        } finally {
            spark.stop();
        }
        System.exit(exit);
    }

    /** One incremental run over the sources of the options' sluice.yaml, on {@code spark}'s executors. */
    @SuppressWarnings("try") // the writer lock is held by the try, never read in it
    public IngestReport run(SparkSession spark, Options options) {
        EffectiveConfig config = ExecutorResources.config(options.config().toString());
        List<Source> sources = sources(config, options);
        Embedder model = ExecutorResources.model(config.model()); // the executors' own, in local[N]
        DocumentProcessor processor = ExecutorResources.processor(config);
        LineageEmitter lineage =
                config.lineage().enabled() ? LineageEmitter.open(config.lineage(), System.getenv()) : null;
        IngestOptions ingest = runOptions(IngestOptions.of(config, sources), lineage);
        IndexSettings wanted =
                new IndexSettings(model.modelId(), model.modelVersion(), model.dimensions(), config.language());
        Backends backends = backends(config, options.indexBackend(), options.indexSettings());
        try (lineage;
                CatalogStores catalog = backends.openCatalog();
                CatalogStores.WriterLock writer = writerLock(catalog, backends);
                ChunkIndex index = openIndex(backends, wanted)) {
            if (writesOnExecutors(backends)) {
                // What a killed driver's executors sent (never published) becomes visible to this run, so its
                // change detection reconciles it: redone, or deleted as unknown to the catalog.
                index.refresh();
            }
            Listing listing;
            try {
                listing = Sluice.list(ingest);
            } catch (SluiceException e) {
                recordListingFailure(catalog, ingest, model, e);
                throw e;
            }
            IngestPipeline pipeline = new IngestPipeline(
                    processor.extractor(),
                    processor.normalizer(),
                    processor.chunker(),
                    model,
                    index,
                    catalog,
                    1,
                    1,
                    catalog.quality(),
                    catalog.transforms(),
                    catalog);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            IngestReport report;
            try {
                report = pipeline.run(
                        listing,
                        ProgressListener.NONE,
                        ingest.run(),
                        (runId, items, sink) ->
                                prepare(jsc, options, ingest.run(), catalog, index, runId, items, sink));
            } catch (RuntimeException e) {
                // A failed commit too: what the executors sent and the driver adopted must not reach a later
                // commit (after a successful commit this deletes nothing).
                try {
                    index.discardUncommitted();
                } catch (RuntimeException discard) {
                    e.addSuppressed(discard);
                }
                throw e;
            }
            if (!index.buildingNewGeneration()) {
                return report;
            }
            if (!listing.failedSources().isEmpty()) {
                return report.withGeneration(IngestReport.Generation.INCOMPLETE);
            }
            index.activateGeneration();
            return report.withGeneration(IngestReport.Generation.SWITCHED);
        }
    }

    /** The task each partition runs; tests give one that fails its first attempt. */
    protected PartitionTask task(PartitionTask.Spec spec, Broadcast<String> signatures) {
        return new PartitionTask(spec, signatures);
    }

    /** Sends the changed documents to the executors, wave by wave, and hands each result to the run. */
    private void prepare(
            JavaSparkContext jsc,
            Options options,
            RunOptions run,
            CatalogStores catalog,
            ChunkIndex index,
            long runId,
            List<SourceItem> items,
            Consumer<RemoteDocument> sink) {
        Map<String, SourceItem> byUri = new HashMap<>();
        items.forEach(item -> byUri.put(item.uri(), item));
        Broadcast<String> signatures =
                jsc.broadcast(Wire.write(new Wire.Signatures(catalog.quality().signatures())));
        PartitionTask task = task(
                new PartitionTask.Spec(
                        options.config().toString(), runId, options.indexBackend(), options.indexSettings()),
                signatures);
        int parallelism = options.partitions() > 0 ? options.partitions() : 2 * jsc.defaultParallelism();
        for (int from = 0; from < items.size(); from += options.waveDocuments()) {
            List<String> wave = new ArrayList<>();
            for (SourceItem item : items.subList(from, Math.min(items.size(), from + options.waveDocuments()))) {
                wave.add(Wire.write(new Wire.Task(item, run.accessOf(item))));
            }
            jsc.setJobDescription("sluice ingest run " + runId + ": documents " + (from + 1) + " to "
                    + (from + wave.size()) + " of " + items.size());
            List<String> results;
            try {
                results = jsc.parallelize(wave, Math.min(parallelism, wave.size()))
                        .mapPartitions(task)
                        .collect();
            } catch (Exception e) { // SparkException is checked, yet undeclared by Scala
                throw new SluiceException(
                        "the Spark job of run " + runId + " failed after its retries: " + firstLine(e)
                                + "; nothing of this run was committed, the next run does its documents again",
                        e);
            }
            if (results.size() != wave.size()) {
                throw new SluiceException("the Spark job returned " + results.size() + " documents for the "
                        + wave.size() + " it was given; nothing of this run was committed");
            }
            long taking = System.nanoTime();
            for (String json : results) {
                RemoteDocument d = Wire.document(json);
                SourceItem listed = byUri.get(d.item().uri());
                if (d.written()) { // the driver's commit publishes it, a failed run's discard deletes it
                    index.adoptSent(
                            listed.uri(),
                            d.chunks().stream().map(c -> c.id()).toList(),
                            d.chunks().stream().mapToInt(c -> c.pageEnd()).max().orElse(0));
                }
                sink.accept(new RemoteDocument(
                        listed,
                        d.reason(),
                        d.message(),
                        d.checked(),
                        d.info(),
                        d.chunks(),
                        d.vectors(),
                        d.computed(),
                        d.written()));
            }
            // The driver's one thread takes every result back: its cost bounds how many executors pay off.
            LOG.info(
                    "run {}: the driver took back {} documents in {} ms",
                    runId,
                    results.size(),
                    (System.nanoTime() - taking) / 1_000_000);
        }
        signatures.destroy();
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int eol = message.indexOf('\n');
        return eol < 0 ? message : message.substring(0, eol);
    }

    /** The sources of sluice.yaml; the job reads local folders only, and runs no LLM transforms. */
    private static List<Source> sources(EffectiveConfig config, Options options) {
        if (config.transforms().configured()) {
            throw new UsageException(options.config() + ": transforms are set, and the Spark job does not run LLM"
                    + " transforms; remove the transforms section for Spark runs, or ingest with sluice sync");
        }
        List<Source> sources = IngestOptions.configuredSources(config);
        if (sources.isEmpty()) {
            throw new UsageException(options.config() + " lists no sources; describe the folders to ingest under"
                    + " sources: (sluice init writes a starter)");
        }
        for (Source s : sources) {
            if (!(s instanceof DirectorySource)) {
                throw new UsageException(options.config() + ": source " + s.name() + " is a web source; the Spark"
                        + " job reads folders that every executor can reach; ingest web sources with sluice sync");
            }
        }
        return sources;
    }

    /** As a sync of sluice.yaml: unlisted sources pruned, each source's access list, lineage when configured. */
    private static IngestOptions runOptions(IngestOptions options, LineageEmitter lineage) {
        Map<String, AccessList> access = new HashMap<>();
        for (Source source : options.sources()) {
            if (!source.access().open()) {
                access.put(source.name(), source.access());
            }
        }
        RunOptions run = new RunOptions(false, true, access, options.run().quality());
        if (lineage != null) {
            run = run.withObserver(new IngestLineage(
                    lineage, options.index(), options.sources(), options.maxChunkTokens(), options.overlapTokens()));
        }
        return options.withRun(run);
    }

    /** The knowledge base's writer lock, as a sync takes it: one writer at a time across processes. */
    private static CatalogStores.WriterLock writerLock(CatalogStores catalog, Backends backends) {
        CatalogStores.WriterLock lock = catalog.tryLockWriter();
        if (lock == null) {
            throw new SluiceException("index " + backends.index().describe() + " is being written by another Sluice"
                    + " process (catalog " + catalog.describe() + "); wait for it to finish");
        }
        return lock;
    }

    /** The index as a sync would open it: another model or language builds a new generation beside the active one. */
    private static ChunkIndex openIndex(Backends backends, IndexSettings wanted) {
        if (writesOnExecutors(backends)) {
            IndexBackend backend = backends.index();
            IndexSettings active = backend.activeSettings();
            if (active != null && !active.equals(wanted)) {
                throw new UsageException("index " + backend.describe() + " was built with " + active
                        + "; the Spark job writes to the active generation only: build the new one with sluice sync");
            }
            return backend.openForWriting(wanted);
        }
        IndexSettings active = backends.index().activeSettings();
        return active == null || active.equals(wanted)
                ? backends.index().openForWriting(wanted)
                : backends.index().openNewGeneration(wanted);
    }

    /** No source could be listed: recorded as a failed run, so status alerts, as a sync records it. */
    private static void recordListingFailure(
            CatalogStores catalog, IngestOptions ingest, Embedder model, SluiceException e) {
        long now = System.currentTimeMillis();
        long runId = catalog.startRun("ingest", now);
        catalog.finishRun(runId, now, "failed", RunCounts.NONE, e.getMessage());
        catalog.recordSources(runId, ingest.sources().stream().map(Source::name).toList(), now, e.getMessage());
        RunObserver.Start start = new RunObserver.Start(runId, now, model.modelId(), model.modelVersion(), null);
        ingest.run().observer().started(start);
        ingest.run().observer().failed(start, RunCounts.NONE, e.getMessage(), false);
    }
}
