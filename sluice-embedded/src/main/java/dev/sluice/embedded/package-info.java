/**
 * Embedded mode of the framework adapters: {@link dev.sluice.embedded.EmbeddedHits} searches a knowledge
 * base in the application's own process and gives its hits as {@code sluice-client}'s {@code Hit}s, the
 * same fields under the same metadata keys as the service's JSON, so an adapter reads a remote service
 * and a local index alike.
 *
 * <p>Roles: this module is the only place an adapter touches sluice-core. sluice-langchain4j and
 * sluice-spring-ai declare it optional, so a remote-only application (sluice-client alone) never loads
 * Lucene, ONNX Runtime or SQLite; an application wanting embedded mode adds {@code
 * dev.sluice:sluice-embedded}.
 *
 * <p>Traps: keep {@code hit(SearchHit)} in step with {@code JsonViews.search} in sluice-core, so a hit reads
 * the same whichever way it came.
 */
package dev.sluice.embedded;
