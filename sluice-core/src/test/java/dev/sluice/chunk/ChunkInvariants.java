package dev.sluice.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.extract.Block;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.NormalizedDocument.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@link Chunker} contract, checked on one output with the real counter. {@code context} is
 * printed with every failure (it carries the seed).
 */
final class ChunkInvariants {
    private ChunkInvariants() {}

    static void check(
            String context,
            NormalizedDocument doc,
            List<Chunk> chunks,
            ChunkerSettings settings,
            TokenCounter counter,
            String version) {
        check(context, doc, chunks, settings, counter, version, true);
    }

    /** {@code structure}: also check heading paths, sections and pages (needs well-formed spans). */
    static void check(
            String context,
            NormalizedDocument doc,
            List<Chunk> chunks,
            ChunkerSettings settings,
            TokenCounter counter,
            String version,
            boolean structure) {
        String text = doc.text();
        boolean[] covered = new boolean[text.length() + 1];
        int[] diff = new int[text.length() + 1];
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            String where = context + ", chunk " + i + " [" + c.start() + "," + c.end() + ")";
            assertThat(c.ordinal()).as(where).isEqualTo(i);
            assertThat(c.start()).as(where + ": start < end").isLessThan(c.end());
            String substring = text.substring(c.start(), c.end());
            if (!c.text().equals(substring)) {
                String header = repeatedHeader(doc, c.start());
                assertThat(header)
                        .as(where + ": text is the substring, or a continued table's header and the substring; text "
                                + c.text())
                        .isNotNull();
                assertThat(c.text()).as(where + ": header, blank line, rows").isEqualTo(header + "\n\n" + substring);
            }
            assertThat(Character.isWhitespace(c.text().charAt(0)))
                    .as(where + ": starts with whitespace")
                    .isFalse();
            assertThat(Character.isWhitespace(c.text().charAt(c.text().length() - 1)))
                    .as(where + ": ends with whitespace")
                    .isFalse();
            int real = counter.count(c.text());
            assertThat(c.tokenCount())
                    .as(where + ": tokenCount is the real count")
                    .isEqualTo(real);
            assertThat(real).as(where + ": within maxTokens").isLessThanOrEqualTo(settings.maxTokens());
            assertThat(c.contentHash()).as(where).isEqualTo(sha256(c.text()));
            assertThat(c.chunkerVersion()).as(where).isEqualTo(version);
            assertThat(c.id()).as(where).hasSize(32).matches("[0-9a-f]{32}");
            assertThat(c.documentUri()).isEqualTo(doc.uri());
            diff[c.start()]++;
            diff[c.end()]--;
            if (i > 0) {
                Chunk p = chunks.get(i - 1);
                assertThat(c.start())
                        .as(where + ": moves forward from " + p.start())
                        .isGreaterThan(p.start());
                assertThat(c.end())
                        .as(where + ": makes progress past " + p.end())
                        .isGreaterThan(p.end());
                if (c.start() < p.end()) {
                    assertThat(settings.overlapTokens())
                            .as(where + ": overlap without overlapTokens")
                            .isPositive();
                    int overlap = counter.count(text.substring(c.start(), p.end()));
                    assertThat(overlap).as(where + ": overlap tokens").isLessThanOrEqualTo(settings.overlapTokens());
                }
            }
            if (structure) {
                checkStructure(where, doc, c);
            }
        }
        int depth = 0;
        for (int x = 0; x < text.length(); x++) {
            depth += diff[x];
            covered[x] = depth > 0;
            if (!covered[x] && !Character.isWhitespace(text.charAt(x))) {
                throw new AssertionError(context + ": character " + x + " '" + text.charAt(x) + "' is in no chunk");
            }
        }
        assertThat(chunks.stream().map(Chunk::id).distinct().count())
                .as(context + ": ids are unique")
                .isEqualTo(chunks.size());
    }

    /**
     * Heading path, sections and pages, recomputed independently from the spans (which the generators
     * keep well-formed: in order, non-blank, not overlapping).
     */
    private static void checkStructure(String where, NormalizedDocument doc, Chunk c) {
        Deque<Span> stack = new ArrayDeque<>();
        List<String> path = null;
        List<String> lastHeadingPath = null;
        boolean content = false;
        int pageStart = 0;
        int pageEnd = 0;
        for (Span s : doc.spans()) {
            boolean inside = s.end() > c.start() && s.start() < c.end();
            if (s.heading()) {
                if (inside && content) {
                    throw new AssertionError(
                            where + ": spans two sections, heading at " + s.start() + " follows content");
                }
                while (!stack.isEmpty() && stack.peekLast().headingLevel() >= s.headingLevel()) {
                    stack.removeLast();
                }
                stack.addLast(s);
            }
            if (!inside || doc.text().substring(s.start(), s.end()).isBlank()) {
                continue;
            }
            if (s.page() > 0) {
                pageStart = pageStart == 0 ? s.page() : Math.min(pageStart, s.page());
                pageEnd = Math.max(pageEnd, s.page());
            }
            List<String> current = stack.stream()
                    .map(h -> doc.text().substring(h.start(), h.end()).strip().replaceAll("\\s+", " "))
                    .toList();
            if (s.heading()) {
                lastHeadingPath = current;
            } else if (!content) {
                content = true;
                path = current;
            }
        }
        assertThat(c.headingPath())
                .as(where + ": heading path")
                .isEqualTo(new ArrayList<>(path != null ? path : lastHeadingPath));
        assertThat(c.pageStart()).as(where + ": pageStart").isEqualTo(pageStart);
        assertThat(c.pageEnd()).as(where + ": pageEnd").isEqualTo(pageEnd);
    }

    /**
     * The header line a chunk starting at {@code offset} may repeat: the offset lies in a table row and
     * the rows before it lead back, without a gap, to a header span. Null otherwise.
     */
    static String repeatedHeader(NormalizedDocument doc, int offset) {
        List<Span> spans = doc.spans();
        int i = 0;
        while (i < spans.size()
                && !(spans.get(i).start() <= offset && offset < spans.get(i).end())) {
            i++;
        }
        if (i == spans.size() || spans.get(i).tablePart() != Block.TablePart.ROW) {
            return null;
        }
        while (i > 0 && spans.get(i).tablePart() == Block.TablePart.ROW) {
            i--;
        }
        Span header = spans.get(i);
        return header.tablePart() == Block.TablePart.HEADER
                ? doc.text().substring(header.start(), header.end()).strip()
                : null;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
