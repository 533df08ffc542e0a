package dev.sluice.conflict;

/**
 * A passage that may disagree with another: a chunk of an answer's context, or of a document.
 *
 * @param id the chunk id
 * @param documentUri the document it comes from (passages of one document never conflict with each other)
 * @param documentVersion the document's content hash or version, or null (two versions of one document may conflict)
 * @param text the passage's text
 */
public record Passage(String id, String documentUri, String documentVersion, String text) {}
