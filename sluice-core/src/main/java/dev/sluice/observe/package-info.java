/**
 * Observing the knowledge base: traces of every search, answer and ingest run.
 *
 * <p>{@link dev.sluice.observe.Tracing} is one knowledge base's OpenTelemetry SDK: spans go to its
 * {@link dev.sluice.observe.TraceStore} (the catalog, bounded by {@link dev.sluice.observe.TraceLimits})
 * so they can be read with nothing else installed, and over OTLP/HTTP when the standard
 * {@code OTEL_EXPORTER_OTLP_*} variables name a collector. The front door starts one span per
 * operation ({@link dev.sluice.observe.Tracing#operation}); the stages add children with
 * {@link dev.sluice.observe.Traces#child}: each retrieval mode with its ranked candidates, the query
 * embedding (cache hit or model), the context kept and dropped, each LLM call, the citation check.
 *
 * <p>Trap: the tracer travels in OpenTelemetry's {@code Context}, which is thread-local: work handed to
 * another thread records nothing unless the context goes with it ({@code Context.current().wrap}). The
 * ingest run records its per-document outcomes on its own span after the run, for that reason.
 */
package dev.sluice.observe;
