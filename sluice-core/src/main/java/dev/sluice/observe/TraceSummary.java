package dev.sluice.observe;

/**
 * One trace in a list: its root span's name and timing, how many spans it holds, and who caused it.
 *
 * @param traceId 32 hex digits
 * @param name the root span's name ({@code search}, {@code ask}, {@code ingest}, {@code GET /v1/search})
 * @param startEpochMillis when the root started
 * @param durationMillis the root's duration
 * @param spans spans kept for the trace
 * @param keyId the API key that made the request ({@code sluice.key.id} on the root), or empty
 * @param status the root's status
 */
public record TraceSummary(
        String traceId,
        String name,
        long startEpochMillis,
        double durationMillis,
        int spans,
        String keyId,
        String status) {}
