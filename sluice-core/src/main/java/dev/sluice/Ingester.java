package dev.sluice;

import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.core.Niceness;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import dev.sluice.ingest.IngestPipeline;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.FolderWatcher;
import dev.sluice.source.ListContext;
import dev.sluice.source.Listing;
import dev.sluice.source.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Everything one knowledge base's ingestion holds open: the model, the extractor, the index writer
 * and the catalog. One run or many (watch mode) reuse them, so a run over an unchanged folder costs
 * only its listing. Not for concurrent use: one run at a time.
 */
public final class Ingester implements AutoCloseable {
    /** How often watch mode asks web sources for changes: they send no events. */
    public static final Duration WEB_REFRESH = Duration.ofMinutes(5);

    private final IngestOptions options;
    private final Embedder embedder;
    private final DocumentExtractor extractor;
    private final ChunkIndex index;
    private final dev.sluice.backend.CatalogStores catalog;
    private final dev.sluice.backend.CatalogStores.WriterLock writerLock;
    private final IngestPipeline pipeline;

    /** Opens the model, the embedded index in the options' folder and its catalog. */
    public Ingester(IngestOptions options) {
        this(options, dev.sluice.backend.Backends.embedded(options.index()));
    }

    /**
     * Opens the model, the index of {@code backends} (a new generation beside the active one when that
     * was built with another model or language) and their catalog.
     */
    public Ingester(IngestOptions options, dev.sluice.backend.Backends backends) {
        this.options = options;
        ChunkerSettings chunking = new ChunkerSettings(options.maxChunkTokens(), options.overlapTokens());
        // The catalog first: an endpoint model's calls are booked in its ledger.
        this.catalog = backends.openCatalog();
        // One writer at a time across processes; a shared index has no lock of its own.
        dev.sluice.backend.CatalogStores.WriterLock lock;
        try {
            lock = catalog.tryLockWriter();
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        if (lock == null) {
            catalog.close();
            throw new SluiceException("index " + backends.index().describe()
                    + " is being written by another Sluice process (catalog " + catalog.describe()
                    + "); wait for it to finish");
        }
        this.writerLock = lock;
        try {
            this.embedder = dev.sluice.llm.EndpointEmbedder.open(options.model(), catalog, System::getenv);
        } catch (RuntimeException e) {
            writerLock.close();
            catalog.close();
            throw e;
        }
        DocumentExtractor opened = null;
        ChunkIndex openedIndex = null;
        try {
            opened = new DocumentExtractor(options.limits());
            IndexSettings wanted = new IndexSettings(
                    embedder.modelId(), embedder.modelVersion(), embedder.dimensions(), options.language());
            IndexSettings active = backends.index().activeSettings();
            // Another model or language: build a new generation beside the one searches use; never mix two
            // models' vectors, nor two languages' terms.
            openedIndex = active == null || active.equals(wanted)
                    ? backends.index().openForWriting(wanted)
                    : backends.index().openNewGeneration(wanted);
        } catch (RuntimeException e) {
            if (openedIndex != null) {
                openedIndex.close();
            }
            if (opened != null) {
                opened.close();
            }
            embedder.close();
            writerLock.close();
            catalog.close();
            throw e;
        }
        this.extractor = opened;
        this.index = openedIndex;
        this.pipeline = new IngestPipeline(
                extractor,
                new TextNormalizer(),
                new HeadingAwareChunker(chunking, embedder.tokenCounter()),
                embedder,
                index,
                catalog,
                options.extractThreads(),
                options.embedThreads(),
                catalog.quality(),
                catalog.transforms(),
                catalog);
    }

    /**
     * One incremental run over the options' sources. The run works on a thread of its own, its
     * priority lowered by the options' niceness, and the caller waits for it: every thread the run
     * starts (extraction, embedding, Tika's, Lucene's merges) inherits the lowered priority, so
     * searches beside it keep the CPU. The caller's trace context and log context go with it.
     */
    public IngestReport run(ProgressListener progress) {
        if (options.niceness() == 0 || !Niceness.supported()) {
            return runHere(progress);
        }
        java.util.concurrent.atomic.AtomicReference<IngestReport> report =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.Map<String, String> logContext = org.slf4j.MDC.getCopyOfContextMap();
        Runnable body = io.opentelemetry.context.Context.current().wrap(() -> {
            if (logContext != null) {
                org.slf4j.MDC.setContextMap(logContext);
            }
            Niceness.lowerCurrentThread(options.niceness());
            try {
                report.set(runHere(progress));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        Thread runner = Thread.ofPlatform().name("sluice-ingest-run").start(body);
        boolean interrupted = false;
        while (true) {
            try {
                runner.join();
                break;
            } catch (InterruptedException e) {
                // The run stops at its next check and ends consistently; wait for it either way.
                interrupted = true;
                runner.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        if (thrown != null) {
            throw new SluiceException("ingestion run failed: " + thrown.getMessage(), thrown);
        }
        return report.get();
    }

    private IngestReport runHere(ProgressListener progress) {
        Path scratch = null;
        try {
            ListContext context = ListContext.NONE;
            if (options.sources().stream().anyMatch(s -> !(s instanceof DirectorySource))) {
                // Web pages are downloaded here; the run deletes them when it ends, however it ends.
                scratch = Files.createTempDirectory("sluice-fetch-");
                context = new ListContext(pipeline.knownVersions(runOptions()), scratch);
            }
            Listing listing;
            try {
                listing = Sluice.list(options, context);
            } catch (SluiceException e) {
                // No source could be listed: record it, so status alerts instead of showing the last good run.
                long now = System.currentTimeMillis();
                long runId = catalog.startRun("ingest", now);
                catalog.finishRun(runId, now, "failed", dev.sluice.catalog.RunCounts.NONE, e.getMessage());
                catalog.recordSources(
                        runId, options.sources().stream().map(Source::name).toList(), now, e.getMessage());
                var start = new dev.sluice.ingest.RunObserver.Start(
                        runId, now, embedder.modelId(), embedder.modelVersion(), null);
                options.run().observer().started(start);
                options.run().observer().failed(start, dev.sluice.catalog.RunCounts.NONE, e.getMessage(), false);
                throw e;
            }
            IngestReport report = pipeline.run(listing, progress, runOptions());
            if (!index.buildingNewGeneration()) {
                return report;
            }
            if (!listing.failedSources().isEmpty()) {
                // A source's documents are missing from the new generation: searches keep the old one.
                return report.withGeneration(IngestReport.Generation.INCOMPLETE);
            }
            index.activateGeneration();
            return report.withGeneration(IngestReport.Generation.SWITCHED);
        } catch (IOException e) {
            throw new SluiceException("cannot create a scratch folder for downloads: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** The run's options with each source's access list, so that a changed list re-indexes its documents. */
    private dev.sluice.ingest.RunOptions runOptions() {
        java.util.Map<String, dev.sluice.core.AccessList> access = new java.util.HashMap<>();
        for (Source source : options.sources()) {
            if (!source.access().open()) {
                access.put(source.name(), source.access());
            }
        }
        return options.run().withAccess(access);
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            dev.sluice.core.FileTrees.deleteRecursively(folder);
        } catch (UncheckedIOException e) {
            // a temporary folder left behind is harmless; the operating system clears it
        }
    }

    /**
     * Runs once, then again whenever a file under a source changes (file-system events, debounced;
     * polling every {@code pollMillis} where events are not available or {@code useEvents} is false),
     * until {@code stop} says so. Web sources send no events: they are asked for changes with every
     * run, and at least every {@link #WEB_REFRESH}.
     * Each run's report goes to {@code afterEachRun}; a run that fails is reported through
     * {@code onError} and watching goes on.
     */
    public void watch(
            long pollMillis,
            boolean useEvents,
            BooleanSupplier stop,
            Consumer<IngestReport> afterEachRun,
            Consumer<RuntimeException> onError) {
        try (FolderWatcher watcher = new FolderWatcher(
                options.sources().stream()
                        .filter(DirectorySource.class::isInstance)
                        .map(s -> ((DirectorySource) s).root())
                        .toList(),
                pollMillis,
                useEvents)) {
            boolean web = options.sources().stream().anyMatch(s -> !(s instanceof DirectorySource));
            runQuietly(afterEachRun, onError);
            long lastRun = System.nanoTime();
            while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                boolean webDue = web && System.nanoTime() - lastRun > WEB_REFRESH.toNanos();
                if ((watcher.awaitChange(200) || webDue) && !stop.getAsBoolean()) {
                    runQuietly(afterEachRun, onError);
                    lastRun = System.nanoTime();
                }
            }
        }
    }

    private void runQuietly(Consumer<IngestReport> afterEachRun, Consumer<RuntimeException> onError) {
        try {
            afterEachRun.accept(run(ProgressListener.NONE));
        } catch (RuntimeException e) {
            onError.accept(e);
        }
    }

    @Override
    public void close() {
        try (catalog;
                writerLock;
                embedder;
                extractor;
                index) {
            // closes all five, in reverse order (the writer lock after the index), even when one fails
        }
    }
}
