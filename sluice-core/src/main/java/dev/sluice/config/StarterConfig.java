package dev.sluice.config;

/** The commented starter file that {@code sluice init} writes. */
public final class StarterConfig {
    private StarterConfig() {}

    /** A valid configuration with every key shown and explained; {@code sourcePath} is the first source. */
    public static String text(String sourcePath, String sourceName) {
        return """
                # Sluice pipeline configuration. Paths are relative to this file.
                # Every key is optional; command-line flags override what is set here.

                # Where the knowledge base (a Lucene index) lives. For BM25 in another language than English:
                # index: {path: .sluice/index, language: de}   # de fr es it pt nl sv ru ar zh ja ko standard
                index: .sluice/index

                embedding:
                  # bge-small-en-v1.5-q (default: 384 dimensions, 512 tokens)
                  # or all-minilm-l6-v2-q (about 2.5 times faster, 128-token chunks)
                  model: bge-small-en-v1.5-q
                  # threads: 2              # embedding threads; default one per core
                  # niceness: 10            # ingestion's OS priority below searches (0-19, 20 idle class; Linux)

                chunking:
                  maxTokens: 256            # largest chunk, in the model's tokens (at most 510 for bge, 126 for MiniLM)
                  overlapTokens: 32         # tokens shared by consecutive chunks of one section

                extraction:
                  maxFileMb: 32             # larger files are quarantined as too large
                  parseTimeoutSeconds: 60   # slower parses are quarantined as timed out

                sources:
                  - name: %s
                    path: %s
                    include: []             # relative-path globs to keep, e.g. ["**/*.pdf", "**/*.md"]; empty keeps all
                    exclude: []             # relative-path globs to skip, e.g. ["drafts/**"]
                    freshness: 24h          # how old the last successful sync may get (90s, 30m, 24h, 7d)
                    gitignore: false        # true: .gitignore files in the folder leave files out too
                    # contract:             # what a sync must meet to publish (docs/quality.md#contracts)
                    #   minDocuments: 1
                    #   maxQuarantineShare: 0.05
                    #   maxPiiHits: {value: 0, severity: warn}
                  # Web pages, fetched with conditional requests; internal addresses are refused.
                  # - name: product-site
                  #   urls: [https://example.com/pricing]
                  #   sitemaps: https://example.com/sitemap.xml
                  #   freshness: 6h
                  #   http:
                  #     maxMb: 32
                  #     timeoutSeconds: 30
                  #     concurrency: 4
                  #     requestsPerSecond: 10
                  #     retries: 3
                  #     allowedHosts: []    # hosts that may resolve to internal addresses

                # Quality checks on every document (docs/quality.md); these are the defaults.
                checks:
                  garbled: {threshold: 0.3, action: flag}        # flag | quarantine
                  duplicates: {threshold: 0.8, action: collapse}  # index | collapse | skip
                  pii: {action: flag}                            # flag | redact | quarantine
                  injection: {action: flag}                      # flag | quarantine
                  conflicts: true                                # contradicting documents become review items
                """.formatted(sourceName, sourcePath);
    }
}
