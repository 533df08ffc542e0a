/**
 * The HTTP face: {@link dev.sluice.serve.SluiceServer} (Javalin 7 on Jetty 12, virtual threads) serves
 * search and answers under {@code /v1}, health, readiness, Prometheus metrics and an OpenAPI document
 * generated from the same route table it registers. {@link dev.sluice.serve.ApiKeys} creates keys and
 * checks them against the hashes in the catalog; each route names the scope it needs (401 without a
 * valid key, 403 without the scope); a token bucket per key answers 429 with Retry-After.
 *
 * <p>Access control is inside the index query: every search and every answer's retrieval carries
 * the caller's principal and groups ({@code AccessList.callerTokens}) as a filter clause, so a caller
 * only ever sees, and can only infer, documents its sources' access lists allow.
 *
 * <p>Errors leave in one shape, {@code {"code", "message"}}, mapped in one place ({@link
 * dev.sluice.serve.ApiError}); no stack trace reaches a client.
 */
package dev.sluice.serve;
