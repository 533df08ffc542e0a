package dev.sluice.embed;

import dev.sluice.core.SluiceException;

/**
 * The model cannot embed now, whatever the text: an endpoint's budget is spent, its circuit breaker is
 * open, or it kept failing. Ingestion stops the run on it (no document is quarantined for it; vectors
 * already computed stay cached) and the next run resumes.
 */
public final class EmbeddingUnavailableException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
