/**
 * Sluice: a knowledge-base pipeline for AI. {@link dev.sluice.KnowledgeBase} is the front door to
 * learn first: opened from an {@link dev.sluice.config.EffectiveConfig} (flags over sluice.yaml over
 * the defaults, resolved once), it owns the catalog and its stores, the searcher, the embedding model,
 * the LLM gateway and the prompts, and offers sync, search, ask, status, lineage, runs, keys, costs
 * and, behind {@link dev.sluice.KnowledgeBase#eval()}, evaluation ({@link dev.sluice.Evaluations}).
 * Every face (CLI, HTTP service, benchmarks, later MCP and framework adapters) calls it; nothing is
 * wired twice.
 *
 * <pre>{@code
 * EffectiveConfig config = EffectiveConfig.resolve(ConfigLoader.loadIfPresent(Path.of("sluice.yaml")), Flags.NONE);
 * try (KnowledgeBase kb = KnowledgeBase.open(config)) {
 *     kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
 *     Answer answer = kb.ask("How long is parental leave?", Asker.Options.DEFAULTS);
 * }
 * }</pre>
 *
 * <p>Below it, {@link dev.sluice.Sluice} holds the engine room the front door uses: one ingestion run
 * ({@code Sluice.ingest}, {@link dev.sluice.Ingester} for repeated runs) and the thread-safe
 * {@code Sluice.Searcher}; {@link dev.sluice.LiveSearcher} follows new commits and index generations.
 *
 * <p>Why {@code KnowledgeBase} is longer than the project's ~500-line guide (583 lines, a quarter
 * of them the Javadoc of its public methods; the last 30 came with one-line accessors of the quality,
 * review, transform and remembered-folder stores, each delegating to the catalog, which a face may not
 * open itself): it is the one facade a user learns first (jsoup's habit),
 * and each of its methods is a few lines that open a part on first use or delegate to a stage
 * (incidents, diagnosis and feedback included). What is left is its lifecycle, which must be read in
 * one place: every part opens lazily under this object's lock, except the catalog, which
 * {@code KnowledgeBaseStores} opens under a lock of its own (with the configured backends) because the
 * trace exporter's thread reaches it while {@code close()} holds this object's lock and closes the parts
 * in order (tracing, gateway and searcher, catalog). Groups that grow logic of
 * their own move behind a method returning their own object, as {@link dev.sluice.Evaluations},
 * {@link dev.sluice.Feedbacks} and {@code TransformRuns} did, or into a package-private helper, as the
 * traced search, answer and diagnosis ({@code KnowledgeBaseQueries}), the conflict check after a sync
 * ({@code KnowledgeBaseReview}) and the incident signals ({@code KnowledgeBaseSignals}) did; splitting
 * the rest would scatter the API across classes, or that lock order across files.
 * {@code Evaluations} (530 lines) is over the guide for the same reason: one entry per {@code sluice
 * eval} command, each reading a set, running a stage and storing the run; its last 15 lines came with the
 * index language and the configured embedding model, which a BEIR import and an eval run must use as a
 * sync would, and the last 5 with the configured index backend (moving them to a helper would split each command's flow across two files).
 *
 * <p>Stages, in flow order, one package each, depending only on earlier stages: {@code core}
 * (shared vocabulary and helpers), {@code observe} (traces), {@code source}, {@code extract},
 * {@code quality}, {@code conflict}, {@code chunk}, {@code embed}, {@code index}, {@code catalog},
 * {@code retrieve}, {@code eval}, {@code llm}, {@code answer}, {@code access}, {@code ingest},
 * {@code review}, {@code incident}, {@code config}, {@code diagnose}, then {@code backend} (the seams a
 * deployment chooses: the index and the catalog engines), {@code jdbc} (every store's SQL, for SQLite and
 * PostgreSQL) and {@code sqlite}, the embedded implementation of every store seam. The faces live in other modules (sluice-cli, sluice-server,
 * sluice-bench); nothing here imports them ({@code PackageDependenciesTest}).
 */
package dev.sluice;
