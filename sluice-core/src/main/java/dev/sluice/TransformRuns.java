package dev.sluice;

import dev.sluice.chunk.Chunk;
import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.embed.ModelTokenizer;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.extract.ExtractedDocument;
import dev.sluice.ingest.RunOptions;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.source.ListContext;
import dev.sluice.source.Listing;
import dev.sluice.source.SourceItem;
import dev.sluice.transform.TransformDiff;
import dev.sluice.transform.TransformInput;
import dev.sluice.transform.TransformPlan;
import dev.sluice.transform.TransformPlanner;
import dev.sluice.transform.TransformSettings;
import dev.sluice.transform.TransformStore;
import dev.sluice.transform.Transforms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The LLM transforms through the front door ({@link KnowledgeBase#transforms()}): a plan before anything
 * runs, the status of stored outputs, and the diff of two prompt versions. The faces ({@code sluice
 * transforms plan|status|diff}) only parse and print.
 */
public final class TransformRuns {
    private final KnowledgeBase kb;

    TransformRuns(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** The configured transforms; a usage error when sluice.yaml has none. */
    public TransformSettings settings() {
        TransformSettings settings = kb.config().config().transforms();
        if (!settings.configured()) {
            throw new UsageException(
                    kb.config().file().map(f -> f + " has no transforms").orElse("no sluice.yaml here")
                            + "; add a transforms: section with steps (see docs/transforms.md)");
        }
        return settings;
    }

    /**
     * Estimates what a run of the transforms would do over the configured sources: lists them, then
     * extracts, normalizes and chunks each document exactly as ingestion does, without embedding or
     * writing anything; items already in the store count as cached.
     */
    public TransformPlan plan() {
        TransformSettings settings = settings();
        TransformPlanner planner = new TransformPlanner(settings, hasCatalog() ? kb.transformStore() : null);
        inputs(planner::add, planner::unreadable);
        return planner.plan(hasCatalog() ? spentToday() : 0);
    }

    /**
     * Offers each document of the configured sources as the transforms see it: listed, extracted,
     * normalized and chunked as ingestion does (the title and text of the normalized document, the
     * chunker's chunks), in listing order; nothing is embedded or written.
     *
     * @param onDocument receives each readable document
     * @param onUnreadable called for each document ingestion would quarantine
     */
    public void inputs(Consumer<TransformInput> onDocument, Runnable onUnreadable) {
        IngestOptions options = kb.configuredRun(RunOptions.DEFAULTS);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("sluice-plan-");
            Listing listing = Sluice.list(options, new ListContext(uri -> null, scratch));
            try (DocumentExtractor extractor = new DocumentExtractor(options.limits());
                    ModelTokenizer tokenizer = ModelTokenizer.load(options.model())) {
                HeadingAwareChunker chunker = new HeadingAwareChunker(
                        new ChunkerSettings(options.maxChunkTokens(), options.overlapTokens()), tokenizer);
                TextNormalizer normalizer = new TextNormalizer();
                for (SourceItem item : listing.items()) {
                    TransformInput input = item.file() == null ? null : read(item, extractor, normalizer, chunker);
                    if (input == null) {
                        onUnreadable.run();
                    } else {
                        onDocument.accept(input);
                    }
                }
            }
        } catch (IOException e) {
            throw new SluiceException("cannot create a scratch folder for downloads: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** The document as the transforms see it, or null when ingestion would quarantine it. */
    private static TransformInput read(
            SourceItem item, DocumentExtractor extractor, TextNormalizer normalizer, HeadingAwareChunker chunker) {
        try {
            ExtractedDocument extracted = extractor.extract(item.file(), item.uri());
            NormalizedDocument normalized = normalizer.normalize(extracted);
            List<Chunk> chunks = chunker.chunk(normalized);
            return chunks.isEmpty()
                    ? null
                    : new TransformInput(item.uri(), item.source(), normalized.title(), normalized.text(), chunks);
        } catch (ItemFailure | RuntimeException e) {
            return null;
        }
    }

    /** Per transform and prompt version: valid, invalid with reasons, pending, spend. */
    public List<TransformStore.Status> status() {
        return hasCatalog() ? kb.transformStore().status() : List.of();
    }

    /** What transforms spent today (UTC), over every process sharing the catalog. */
    public long spentToday() {
        long now = System.currentTimeMillis();
        return kb.ledger().llmSpendPicoUsd(Math.floorDiv(now, 86_400_000L) * 86_400_000L, Transforms.LEDGER_KEY);
    }

    /**
     * How outputs of {@code transform} changed from prompt version {@code from} to {@code to}, on up to
     * {@code sample} inputs both have outputs for.
     */
    public TransformDiff.Result diff(String transform, String from, String to, int sample) {
        if (sample < 1) {
            throw new UsageException("--sample must be > 0, got " + sample);
        }
        List<TransformStore.Status> status = status();
        for (String version : List.of(from, to)) {
            if (status.stream()
                    .noneMatch(s ->
                            s.transform().equals(transform) && s.promptVersion().equals(version))) {
                List<String> known = status.stream()
                        .filter(s -> s.transform().equals(transform))
                        .map(TransformStore.Status::promptVersion)
                        .toList();
                throw new UsageException("transform '" + transform + "' has no outputs under version '" + version
                        + "'; "
                        + (known.isEmpty()
                                ? "it has none at all (run a sync with it first)"
                                : "its versions with outputs: " + String.join(", ", known)));
            }
        }
        return TransformDiff.compare(kb.transformStore(), transform, from, to, sample);
    }

    private boolean hasCatalog() {
        return kb.hasCatalog();
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temporary folder is harmless
        }
    }
}
