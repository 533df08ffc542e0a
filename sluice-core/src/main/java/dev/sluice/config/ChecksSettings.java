package dev.sluice.config;

/**
 * The {@code checks} section of sluice.yaml: quality checks that run with every sync.
 *
 * @param conflicts {@code checks.conflicts}: after a sync commits, compare the chunks it indexed with other
 *     documents and keep each cross-source conflict as a review item ({@code sluice review}); on by
 *     default (docs/review.md measures its cost)
 */
public record ChecksSettings(boolean conflicts) {
    public static final ChecksSettings DEFAULTS = new ChecksSettings(true);
}
