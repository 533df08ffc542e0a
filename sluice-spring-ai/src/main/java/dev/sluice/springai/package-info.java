/**
 * Sluice for Spring AI: {@link dev.sluice.springai.SluiceDocumentRetriever}, a {@code DocumentRetriever}
 * for {@code RetrievalAugmentationAdvisor}, over an embedded index folder or a remote {@code sluice
 * serve}; and {@link dev.sluice.springai.SluiceAutoConfiguration}, which makes one from {@code sluice.*}
 * properties ({@link dev.sluice.springai.SluiceProperties}).
 *
 * <p>Flow: the advisor hands the user's question to the retriever; the retriever asks Sluice ({@code
 * HitSource}: {@code SluiceClient} over HTTP, or {@code EmbeddedHits} of sluice-embedded in this process) for the k best
 * chunks with the configured mode and filters, drops those under {@code minScore}, and returns one
 * {@code Document} per chunk (id = chunk id, score = Sluice's score, metadata = document id, chunk id,
 * source, path, title, section, page, citation, rank, score).
 *
 * <p>Invariants: the auto-configuration backs off when the application defines any {@code
 * DocumentRetriever}, and does nothing unless {@code sluice.index} or {@code sluice.url} is set, so adding
 * the jar never breaks an application; a bad setting stops start-up with a message naming the property.
 * The retriever it makes is closed with the context (the embedded index, or the client's threads).
 *
 * <p>Traps: Spring Boot 4 and Spring AI 2 use Jackson 3 ({@code tools.jackson}); Sluice's client uses
 * Jackson 2 ({@code com.fasterxml.jackson}). Their packages differ and both sit on the class path. The
 * Spring BOMs are imported only in this module and its example, so every other module keeps the parent's
 * Jackson 2 and Logback versions; here Boot's BOM manages sluice-core's libraries as it will in a user's
 * Boot application (Jackson 2.21, SQLite JDBC 3.50, OpenTelemetry 1.55), and Logback is pinned to Boot's
 * 1.5 (the parent's logback-classic 1.6 beside Boot's logback-core 1.5 fails at the first log line). sluice-embedded (which brings sluice-core) is optional: embedded mode needs it added to
 * the application, remote mode stays free of Lucene, ONNX Runtime and SQLite. Embedded searches run with the
 * index owner's rights; a remote key's access list applies inside the service's search. Scores are the
 * mode's (BM25, cosine, or a small fused hybrid score): set {@code minScore} for one mode only.
 */
package dev.sluice.springai;
