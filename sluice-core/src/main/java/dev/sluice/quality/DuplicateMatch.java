package dev.sluice.quality;

/**
 * An entry of a {@link NearDuplicateIndex} that a searched signature nearly duplicates.
 *
 * @param id the id the entry was added under
 * @param similarity the estimated Jaccard similarity of the two signatures, 0 to 1
 */
public record DuplicateMatch(long id, double similarity) {}
