package dev.sluice.quality;

import java.util.Map;

/**
 * The checks and contracts of every source, as sluice.yaml resolved them.
 *
 * @param defaults the policy of a source that sets no {@code checks:} of its own
 * @param policies the policy of each source that sets some (its keys over the defaults), by source name
 * @param contracts each source's contract, by source name; a source not named has none
 * @param conflicts whether a sync looks for passages of other documents that contradict what it indexed
 */
public record QualitySettings(
        CheckPolicy defaults, Map<String, CheckPolicy> policies, Map<String, Contract> contracts, boolean conflicts) {
    /** Every check with its default policy, no contract. */
    public static final QualitySettings DEFAULTS = new QualitySettings(CheckPolicy.DEFAULTS, Map.of(), Map.of(), true);

    public QualitySettings {
        policies = Map.copyOf(policies);
        contracts = Map.copyOf(contracts);
    }

    public CheckPolicy policyOf(String source) {
        return policies.getOrDefault(source, defaults);
    }

    public Contract contractOf(String source) {
        return contracts.getOrDefault(source, Contract.NONE);
    }
}
