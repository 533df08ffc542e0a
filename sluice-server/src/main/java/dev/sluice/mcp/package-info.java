/**
 * The Model Context Protocol face: the knowledge base as tools an AI agent calls (Claude Desktop,
 * Claude Code, VS Code), on the official MCP Java SDK. One set of tools ({@link
 * dev.sluice.mcp.SluiceTools}) over two transports: stdio for {@code sluice mcp} ({@link
 * dev.sluice.mcp.SluiceMcp#stdio}) and streamable HTTP at {@code /mcp} inside {@code sluice serve}
 * ({@link dev.sluice.mcp.McpHttp}). Below the faces: it knows the {@link dev.sluice.KnowledgeBase} and
 * the SDK, never {@code dev.sluice.serve} or the CLI.
 *
 * <p>Tools: {@code search} (query, mode, k up to 100, the filters of {@code /v1/search}), {@code ask}
 * (a cited answer through the configured model; a tool error without one), {@code get_document} (text
 * and lineage of a document or chunk), {@code status} (freshness per source; open incidents for keys
 * that run the knowledge base). Documents are also resources, {@code sluice://document/{id}}. Every
 * result carries its citations twice: as text the model reads, and as {@code structuredContent} JSON
 * ({@code documentId, chunkId, source, path, title, section, pageStart, pageEnd}).
 *
 * <p>Access: every call acts as one {@link dev.sluice.mcp.McpCaller}. Over HTTP it is the request's
 * API key, checked by the service before any MCP processing; over stdio the local user (everything,
 * like the CLI) or, with {@code --api-key-env}, a key. Searches and answers carry the caller's tokens
 * into the index query; {@code get_document}, resources and status counts check the catalog's access
 * list. Invariant: a document the caller may not read is reported in exactly the words of one that
 * does not exist ({@code SluiceTools.notFound}), so a tool never tells another key's documents apart
 * from nothing.
 *
 * <p>Bad input: arguments are read by {@link dev.sluice.mcp.ToolInput}, which names the argument, the
 * value and the limit, as a tool error the model can act on (the SDK's own schema validation is off so
 * every message reads the same). Lines or bodies that are not one JSON-RPC message get a JSON-RPC error
 * from {@link dev.sluice.mcp.StdinGuard#check}. Any other failure is logged with its stack trace and
 * answered as a one-line tool error.
 *
 * <p>Traps: over stdio, standard output is the protocol: one stray line breaks the client, so {@code
 * sluice mcp} hands the SDK the real stdout and points {@code System.out} at standard error, and every
 * log line goes to standard error. The SDK's stdio transport ends its session on a line it cannot parse,
 * which is why {@link dev.sluice.mcp.StdinGuard} reads standard input first. It also ends the session
 * as soon as input ends, dropping answers still being computed: the guard holds the end back until
 * every forwarded request has its answer on standard output ({@code AnsweredIds}). Over HTTP the transport is
 * stateless (see {@link dev.sluice.mcp.McpHttp} for why).
 */
package dev.sluice.mcp;
