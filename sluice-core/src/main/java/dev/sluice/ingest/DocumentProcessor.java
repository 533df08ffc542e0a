package dev.sluice.ingest;

import dev.sluice.chunk.Chunk;
import dev.sluice.chunk.Chunker;
import dev.sluice.core.AccessList;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.enrich.AttributeReader;
import dev.sluice.enrich.ChunkContext;
import dev.sluice.enrich.DocumentAttributes;
import dev.sluice.extract.DocumentTypes;
import dev.sluice.extract.ExtractedDocument;
import dev.sluice.extract.Extractor;
import dev.sluice.index.DocumentInfo;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.source.SourceItem;
import java.util.List;

/**
 * The preparation of one document, the same wherever it runs: extract, normalize, check, chunk and
 * describe it ({@link DocumentInfo}), ready for transforms and embedding. {@link IngestPipeline} calls it on
 * its extraction threads; the Spark job ({@code sluice-spark}) calls it on executors, so that both give a
 * document the same text, the same chunks and the same chunk ids.
 *
 * <p>Thread-safe when its extractor, normalizer and chunker are (they are).
 */
public final class DocumentProcessor {
    /** Times one stage's work (the run's account); {@link #UNTIMED} where nobody keeps stage times. */
    public interface Timer {
        <T> T timed(Stage stage, Step<T> step) throws ItemFailure;
    }

    /** A stage's work; may fail for one item. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws ItemFailure;
    }

    /** A timer that only runs the step. */
    public static final Timer UNTIMED = new Timer() {
        @Override
        public <T> T timed(Stage stage, Step<T> step) throws ItemFailure {
            return step.run();
        }
    };

    /** The quality checks of the run: the run's own ({@code RunQuality}), or an executor's. */
    public interface Checks {
        /** Checks a document, or null when its source's checks are off. */
        DocumentChecker.Checked check(SourceItem item, NormalizedDocument doc, String contentHash);

        /** The document searches should collapse this one into, or null. */
        String collapseInto(SourceItem item, DocumentChecker.Checked checked);
    }

    /** What preparing one document gave. */
    public sealed interface Outcome {}

    /** The checks quarantined the document ({@code checked}: their findings). */
    public record Quarantine(QuarantineReason reason, String message, DocumentChecker.Checked checked)
            implements Outcome {}

    /**
     * The document ready for transforms and embedding: its description, its chunks (never empty), its text
     * as chunked and its checks (null when off).
     */
    public record Prepared(
            DocumentInfo info, List<Chunk> chunks, NormalizedDocument normalized, DocumentChecker.Checked checked)
            implements Outcome {}

    private final Extractor extractor;
    private final TextNormalizer normalizer;
    private final Chunker chunker;

    public DocumentProcessor(Extractor extractor, TextNormalizer normalizer, Chunker chunker) {
        this.extractor = extractor;
        this.normalizer = normalizer;
        this.chunker = chunker;
    }

    public Extractor extractor() {
        return extractor;
    }

    public TextNormalizer normalizer() {
        return normalizer;
    }

    public Chunker chunker() {
        return chunker;
    }

    /**
     * Prepares {@code item}, readable by {@code access}; an {@link ItemFailure} (or any other exception)
     * is the item's failure, to be quarantined by the caller.
     */
    public Outcome prepare(SourceItem item, AccessList access, Timer timer, Checks checks) throws ItemFailure {
        if (item.file() == null) {
            // The source proved the document unchanged without reading it, yet it must be processed.
            throw new ItemFailure(
                    item.uri(),
                    QuarantineReason.FETCH_FAILED,
                    "the source answered 'not modified', so there was no content to process again;"
                            + " run sync with --retry-quarantined to read it in full");
        }
        ExtractedDocument extracted = timer.timed(Stage.EXTRACT, () -> extractor.extract(item.file(), item.uri()));
        NormalizedDocument extractedText = timer.timed(Stage.NORMALIZE, () -> normalizer.normalize(extracted));
        String contentHash = IngestPipeline.sha256(extractedText.text());
        DocumentChecker.Checked checked =
                timer.timed(Stage.CHECK, () -> checks.check(item, extractedText, contentHash));
        if (checked != null && checked.quarantine() != null) {
            return new Quarantine(checked.quarantine(), checked.message(), checked);
        }
        NormalizedDocument normalized = checked == null ? extractedText : checked.document();
        List<Chunk> chunks = timer.timed(Stage.CHUNK, () -> chunker.chunk(normalized));
        if (chunks.isEmpty()) {
            throw new ItemFailure(item.uri(), QuarantineReason.EMPTY, "no chunk after chunking");
        }
        DocumentAttributes attributes =
                timer.timed(Stage.CHUNK, () -> AttributeReader.read(normalized.text(), item.relativePath()));
        DocumentInfo info = new DocumentInfo(
                        item.uri(),
                        item.source(),
                        item.relativePath(),
                        DocumentTypes.shortName(normalized.mediaType()),
                        normalized.title(),
                        contentHash,
                        access,
                        attributes)
                .withDuplicateOf(checks.collapseInto(item, checked));
        return new Prepared(info, chunks, normalized, checked);
    }

    /**
     * What the model reads for a chunk: its context header and text ({@link ChunkContext}), with the
     * transforms' context line and questions when there are any (null: none).
     */
    public static String embeddingInput(DocumentInfo info, Chunk chunk, String context, List<String> questions) {
        return RunEnrichment.embeddingInput(
                ChunkContext.embeddingInput(info.attributes(), chunk.headingPath(), chunk.text()), context, questions);
    }

    /**
     * A chunk's key in the vector cache: its content hash when it is embedded alone, else the hash of
     * what the model reads, so that a vector made without the header (or with another) is never reused.
     */
    public static String cacheKey(Chunk chunk, String input) {
        return input.equals(chunk.text()) ? chunk.contentHash() : IngestPipeline.sha256(input);
    }
}
