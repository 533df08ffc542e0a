package dev.sluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The corpus of an ingestion benchmark: a BEIR corpus (SciFact beside the project by default) or generated text. */
final class CorpusOptions {
    @Option(
            names = "--corpus",
            paramLabel = "FILE",
            description =
                    "BEIR corpus.jsonl(.gz) (default: ../shared/data/scifact-train/corpus.jsonl.gz when present).")
    Path corpus;

    @Option(
            names = "--docs",
            paramLabel = "DIR",
            description = "A folder of real files (PDF, DOCX, HTML...) to ingest as they are, e.g."
                    + " ../shared/data/documents/filings.")
    Path docs;

    @Option(
            names = "--generated",
            paramLabel = "N",
            description = "Use N documents of generated text instead of a corpus (the default when there is none).")
    Integer generated;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "2147483647",
            description = "Read at most N corpus documents.")
    int limit;

    /** The corpus file to read, or null for generated text. */
    Path corpusFile() {
        if (corpus != null || generated != null) {
            return corpus;
        }
        Path scifact = BeirCorpus.defaultScifact().resolve("corpus.jsonl.gz");
        return Files.isRegularFile(scifact) ? scifact : null;
    }

    int generatedDocuments(int byDefault) {
        return generated != null ? generated : byDefault;
    }
}
