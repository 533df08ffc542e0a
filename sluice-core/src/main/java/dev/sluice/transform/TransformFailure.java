package dev.sluice.transform;

/**
 * An item a transform could not enrich: its output stayed invalid after the repair and the escalation,
 * or the provider failed. Recorded, never thrown; the item is indexed without that enrichment.
 *
 * @param transform the step's name
 * @param item the document URI or chunk id
 * @param reason what went wrong
 * @param fix what the user can do about it
 */
public record TransformFailure(String transform, String item, String reason, String fix) {}
