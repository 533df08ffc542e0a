/**
 * The LLM gateway: every model call in Sluice (answers, judges, later enrichment) goes through
 * {@link dev.sluice.llm.LlmGateway}, which applies one discipline to all of them.
 *
 * <h2>Flow of one call</h2>
 *
 * <ol>
 *   <li>Response cache ({@code ResponseCache}), keyed by model, prompt version and every input; a hit
 *       makes no request and writes a ledger row with outcome {@code cached} and zero tokens.
 *   <li>Budget ({@link dev.sluice.llm.Budget}): the worst-case cost ({@link dev.sluice.llm.TokenEstimate}
 *       priced by {@link dev.sluice.llm.PriceTable}) is reserved against the daily and monthly limits,
 *       global and per key; a call that would pass one is not made ({@link
 *       dev.sluice.llm.BudgetExceededException}) and the caller falls back. The reservation is a row in
 *       the ledger, checked against the ledger's sums in the same transaction, so a budget holds across
 *       every process sharing the catalog, not only within one.
 *   <li>Circuit breaker: after consecutive failed calls, calls fail fast ({@link
 *       dev.sluice.llm.CircuitOpenException}) until a trial call succeeds.
 *   <li>Attempts: each through the rate limiter (requests and tokens per minute, by spacing), with one
 *       deadline for headers and body; 429, 5xx, time-outs, resets and truncated replies are retried with
 *       exponential backoff and jitter, honouring Retry-After up to a cap.
 *   <li>One ledger row goes to the catalog's {@code llm_calls} table (purpose, model, prompt version, key
 *       id, tokens, exact cost, latency, outcome, attempts), then the reservation is released.
 *   <li>Structured output: the reply is checked against the request's JSON schema; if invalid, the
 *       errors go back to the model once; a second invalid reply is {@link
 *       dev.sluice.llm.LlmOutcome#INVALID_OUTPUT}. Each of the two model calls has its own ledger row.
 * </ol>
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * LlmSettings settings = LlmSettings.builder("https://api.openai.com/v1", "gpt-4o-mini", "OPENAI_API_KEY")
 *         .limits(500, 200_000).build();
 * Budget budget = new Budget(catalog, Budget.Limits.usd("5", "50", null, null));
 * try (LlmGateway llm = new LlmGateway(settings, PriceTable.defaults(), budget, catalog)) {
 *     ChatResult r = llm.chat(ChatRequest.of("answer", "answer-v1", List.of(ChatMessage.user("Hi"))));
 * } catch (LlmException e) {
 *     // fall back: retrieval-only answer
 * }
 * }</pre>
 *
 * <h2>Embeddings</h2>
 *
 * {@link dev.sluice.llm.LlmGateway#embed} sends {@code POST /embeddings} under the same discipline (budget
 * reserve at one token per three characters, breaker, rate limit, retries honouring Retry-After, one
 * ledger row per request, no response cache: vectors are cached by the catalog); {@code GatewayEmbeddings}
 * holds that loop beside the chat one. {@link dev.sluice.llm.EndpointEmbedder} is the
 * {@link dev.sluice.embed.Embedder} over it, with a gateway of its own built from {@code embedding.model},
 * and {@link dev.sluice.llm.EndpointEmbedder#open} picks it or ONNX Runtime for any model. A reply with
 * another number of vectors than inputs, or other dimensions, is not retried: the server serves another
 * model.
 *
 * <h2>Why our own client</h2>
 *
 * The discipline needs, from the client, the HTTP status and the Retry-After header of each failed
 * attempt, the exact usage of each reply (streamed too), and no retries of its own. LangChain4j's
 * {@code langchain4j-open-ai} retries internally (configurable) but reports failures as an
 * {@code HttpException} with the status code and message only: Retry-After is lost. It would also bring
 * {@code langchain4j-core} 1.x beside the 0.36 embedding modules Sluice uses. The protocol is small
 * (one POST, JSON or server-sent events), so {@code OpenAiProtocolClient} speaks it on
 * {@code java.net.http} and Jackson, both already here.
 *
 * <h2>Providers</h2>
 *
 * Any server of the OpenAI chat completions protocol by base URL: OpenAI, Azure OpenAI's {@code
 * /openai/v1} endpoint (Bearer key), vLLM, Ollama ({@code /v1}), llama.cpp server, LM Studio. Azure
 * OpenAI's deployment URLs ({@link dev.sluice.llm.LlmSettings.Provider#AZURE}) put the deployment in the
 * path, the {@code api-version} in the query and the key in an {@code api-key} header; each model is
 * called through its mapped deployment, else one of its own name, and the ledger keeps the model name.
 * The key is read from the environment variable named by {@code apiKeyEnv} at each call, sent as a
 * Bearer token (Azure: {@code api-key}), and never logged, stored or shown; the ledger keeps a key id (the
 * variable's name unless the caller gives one).
 *
 * <p>OpenAI's reasoning models (o1, o3, o4, gpt-5) refuse {@code max_tokens} and any temperature but
 * their default: {@link dev.sluice.llm.TokenParameter} picks {@code max_completion_tokens} for them by
 * name (or always, or never), and their requests carry no temperature.
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>The budget reserve is a ceiling only as far as the input estimate holds (one token per three
 *       characters); the ledger always records the provider's real usage. So a period's spend never
 *       passes its limit, except by what one call billed beyond its estimate.
 *   <li>A process killed in the middle of a call leaves its reservation behind: on the same host it
 *       stops counting at once (its pid is dead), elsewhere when its hold time, the longest the call
 *       could take, has passed.
 *   <li>A failed attempt is booked at zero tokens, as the protocol reports no usage for it; a provider
 *       may still bill a reply that was cut off.
 *   <li>When a server reports no usage, the estimate is booked and the ledger row says so.
 *   <li>Stream deltas arrive on an HTTP client thread; a stream that fails after its first delta is not
 *       retried.
 *   <li>A reasoning model spends part of its completion tokens on reasoning the reply does not show: with
 *       a small limit the reply can be empty, with finish reason {@code length}.
 * </ul>
 */
package dev.sluice.llm;
