package dev.sluice.llm;

/** The call was not made: the provider failed repeatedly and the circuit breaker is open. */
public final class CircuitOpenException extends LlmException {
    public CircuitOpenException(String message) {
        super(LlmOutcome.CIRCUIT_OPEN, message);
    }
}
