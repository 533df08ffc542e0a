/**
 * The HTTP face: {@link dev.sluice.serve.SluiceServer} (Javalin 7 on Jetty 12, virtual threads) serves
 * search, answers (JSON or server-sent events), documents, sources, jobs, runs, evaluation runs and
 * feedback under {@code /v1}, health, readiness, Prometheus metrics and an OpenAPI document generated
 * from the same route table it registers. The handlers live in {@code QueryRoutes}, {@code
 * DocumentRoutes} and {@code OpsRoutes}; ingestion runs as {@code IngestJobs}, one at a time beside
 * the searches. The service holds one {@link dev.sluice.KnowledgeBase} and calls it for everything:
 * searches, answers, the stores (documents, runs, eval runs, answers and feedback, keys) and syncs; it
 * wires nothing of its own. {@code POST /mcp} hands the request, its key checked, to the MCP server of
 * {@code dev.sluice.mcp} (stateless streamable HTTP). {@link dev.sluice.access.ApiKeys} checks a presented key against the hashes
 * in the key store, trusted for 5 s in a Caffeine cache; each route names the scope it needs (401 without a valid key, 403 without the scope);
 * a token bucket per key answers 429 with Retry-After.
 *
 * <p>Each entry of the route table carries an {@code ApiOperation}: its parameters ({@code ApiParam}:
 * type, bounds, default, allowed values), body and every status it answers with its schema ({@code
 * ApiShapes}, {@code ApiOpsShapes}). The declarations sit beside their handlers ({@code QueryApi},
 * {@code DocumentApi}, {@code OpsApi}, {@code WatchApi}); {@code /openapi.json} is written from them
 * ({@code OpenApi}) and every request is held to them before its handler runs: an unknown query
 * parameter, a value of the wrong type or out of bounds, a single value given twice are 400 naming the
 * parameter. A handler reads parameters and bodies only through its declaration ({@code
 * ApiParam.get}, {@code ApiOperation.jsonBody}); reading an undeclared one fails, and a test scans the
 * handlers for reads around it. Trap: a route that is not REST (MCP's JSON-RPC) is added with a summary
 * instead of an operation ({@code ApiOperation.freeForm}): listed with any JSON body, its query string
 * unchecked; a {@code /v1} REST route never is.
 *
 * <p>Access control is inside the index query: every search and every answer's retrieval carries
 * the caller's principal and groups ({@code AccessList.callerTokens}) as a filter clause, so a caller
 * only ever sees, and can only infer, documents its access lists allow. Routes that name documents
 * from the catalog (lineage, runs, feedback, evaluation details, counts) check the same list as the
 * catalog records it ({@code Caller.mayRead}); what a caller may not read answers as missing.
 *
 * <p>Errors leave in one shape, {@code {"code", "message"}}, mapped in one place ({@code
 * ErrorResponses}, from {@link dev.sluice.serve.ApiError} and the failures of a request's connection;
 * {@code JsonErrorHandler} for what Jetty answers before a route sees the request); no stack trace
 * reaches a client. Slow clients are held to documented limits ({@code JettyLimits}): the idle
 * timeout, a deadline for a request's headers ({@code HeaderDeadline}) and a minimum body rate
 * ({@code MinimumBodyRate}).
 *
 * <p>Every request has an id ({@code X-Request-Id}: the client's when sane, a new one otherwise) that
 * is in the SLF4J MDC, with the request span's trace id, while it is handled, and one line in the
 * access log ({@code sluice.access}) once its response is written ({@code AccessLog}). The server only
 * logs through SLF4J; how lines look (text or JSON) is the process's choice (sluice-cli).
 */
package dev.sluice.serve;
