package dev.sluice.quality;

import java.util.List;

/**
 * The expectations a source's run must meet before it is published ({@code contract:} under a source
 * in sluice.yaml). Evaluated by {@link ContractCheck} over the whole source as the run would leave it.
 */
public record Contract(List<Expectation> expectations) {
    public static final Contract NONE = new Contract(List.of());

    public Contract {
        expectations = List.copyOf(expectations);
    }

    public boolean isEmpty() {
        return expectations.isEmpty();
    }
}
