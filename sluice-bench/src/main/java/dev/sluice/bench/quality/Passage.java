package dev.sluice.bench.quality;

/**
 * A piece of a real document, as the checks see it after extraction and normalization.
 *
 * @param origin where it came from: file and block range, SciFact id, or source file and lines
 * @param group what decides its split: the document, so no document gives passages to both halves
 * @param kind prose, table, cover, html, abstract, code, pdf
 * @param text its blocks, normalized, joined by a blank line
 */
record Passage(String origin, String group, String kind, String text) {}
