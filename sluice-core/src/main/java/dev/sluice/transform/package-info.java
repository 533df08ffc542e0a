/**
 * LLM transforms: named steps of {@code transforms:} in sluice.yaml that run a versioned prompt on each
 * document ({@code classify}, {@code extract}, {@code summarize}) or each chunk ({@code questions},
 * {@code contextualize}) and return JSON that satisfies a schema built from the step. Ingestion calls
 * {@link dev.sluice.transform.Transforms#enrich} after chunking and indexes the {@link
 * dev.sluice.transform.Enrichment} it gets; see docs/transforms.md.
 *
 * <h2>Roles</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.transform.TransformSettings}, {@link dev.sluice.transform.TransformStep}: the
 *       section as the config loader resolved it (prompts read, versions and models decided).
 *   <li>{@code TransformItem}: one step on one document or chunk, its prompt rendered and its input hash.
 *       Plans and runs build items the same way, so a plan counts what the run will do.
 *   <li>{@code TransformCalls}: one item through store, cheap model, repair, strong model, store.
 *   <li>{@code RunBudget}: the per-run and daily limits of transforms, checked before each call.
 *   <li>{@link dev.sluice.transform.TransformStore}: the outputs, keyed by (transform, prompt version, model,
 *       input hash); the SQLite catalog implements it.
 *   <li>{@link dev.sluice.transform.TransformPlanner}, {@link dev.sluice.transform.TransformDiff}: estimates
 *       before a run, and how outputs changed between two prompt versions.
 *   <li>{@code TransformBatches}: batch mode; misses are submitted when a run closes and collected into
 *       the store (half price, one ledger row each) when a later run opens.
 * </ul>
 *
 * <h2>Flow of one item</h2>
 *
 * <ol>
 *   <li>The store under the cheap model's key: a valid output is used (no call); an invalid one skips to 4.
 *   <li>The budget: the call's worst case (the call and its repair at their token ceilings) must fit the
 *       per-run and daily limits, else the run stops calling and this item and every later one are pending.
 *   <li>The gateway ({@code dev.sluice.llm.LlmGateway}): purpose {@code transform:<name>}, the schema as the
 *       structured-output format, one repair with the errors if the reply breaks it; the ledger row has the
 *       item's cost. The output, valid or invalid, is saved before anything else happens.
 *   <li>Still invalid: the same with the strong model ({@code escalateTo}, default {@code llm.strongModel}),
 *       its own key in the store. Invalid again: a {@link dev.sluice.transform.TransformFailure}, never an
 *       enrichment.
 * </ol>
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>An unchanged input never calls the model twice under one key, across processes: the store, not
 *       memory, is the cache. A new prompt version is a new key for its step only.
 *   <li>Nothing is half-written: an item's output is one row, written after its reply; an item a budget
 *       stopped has none, and is marked pending until a later run writes it.
 *   <li>{@code enrich} never throws for a model failure or a budget stop; the sync goes on.
 * </ul>
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>A step with an explicit {@code version} keeps its cached outputs when its prompt file is edited:
 *       bump the version to recompute. Without one, the version is the prompt's content hash.
 *   <li>Ingestion only offers changed documents. A document whose enrichment was not {@link
 *       dev.sluice.transform.Enrichment#complete() complete} (pending items), or was made under another
 *       {@link dev.sluice.transform.Transforms#fingerprint()}, must be offered again, or its pending items
 *       never resume.
 *   <li>Transforms' calls carry the ledger key id {@code transforms}: their daily limit is that key's limit
 *       in the shared ledger, so it holds across processes. They also count against {@code llm.budget}.
 *   <li>A provider failure (after the gateway's retries) is not stored: the next run tries the item again.
 *   <li>The plan's cache hits match the run's only when ingestion passes the normalized document's title
 *       and text and the chunker's chunks, as {@code TransformRuns.inputs} does.
 *   <li>Batch results bypass the gateway's chat path (they are collected, not called); their ledger rows are
 *       written directly, at half price, and count against the daily limit from then on.
 * </ul>
 */
package dev.sluice.transform;
