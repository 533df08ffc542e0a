package dev.sluice.chunk;

import dev.sluice.core.Checks;
import dev.sluice.core.Hashing;
import dev.sluice.extract.Block.TablePart;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.NormalizedDocument.Span;
import dev.sluice.quality.TextNormalizer;
import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Chunks along the document's structure: a heading starts a new chunk, whole blocks are packed
 * greedily up to {@link ChunkerSettings#maxTokens()}, and only a block too big for one chunk is cut
 * (sentences, then words, then token boundaries). See the package documentation for the rules.
 *
 * <p>Every chunk is counted by the {@link TokenCounter} on its final text, and never holds more
 * than {@code maxTokens}. Immutable and thread-safe if the counter is.
 */
public final class HeadingAwareChunker implements Chunker {
    /** Bump when a change to the algorithm changes any chunk of any document. */
    static final String ALGORITHM = "heading-aware/3";

    /** Between a repeated table header and the rows under it, as between any two blocks. */
    static final String TABLE_HEADER_SEPARATOR = TextNormalizer.BLOCK_SEPARATOR;

    /** A table header longer than this share of {@code maxTokens} is not repeated: it would crowd out the rows. */
    static final int MAX_REPEATED_HEADER_SHARE = 3;

    private final ChunkerSettings settings;
    private final TokenCounter counter;
    private final String version;

    public HeadingAwareChunker(ChunkerSettings settings, TokenCounter counter) {
        this.settings = Checks.notNull("settings", settings);
        this.counter = Checks.notNull("counter", counter);
        this.version = versionOf(settings);
    }

    /** The version chunks made with {@code settings} record, without building a chunker. */
    public static String versionOf(ChunkerSettings settings) {
        return String.format(
                Locale.ROOT, "%s;max=%d;overlap=%d", ALGORITHM, settings.maxTokens(), settings.overlapTokens());
    }

    public ChunkerSettings settings() {
        return settings;
    }

    /** For example {@code heading-aware/3;max=256;overlap=32}. */
    @Override
    public String version() {
        return version;
    }

    @Override
    public List<Chunk> chunk(NormalizedDocument document) {
        Checks.notNull("document", document);
        String text = document.text() == null ? "" : document.text();
        List<Block> blocks = blocks(text, document.spans());
        UnitSegmenter segmenter = new UnitSegmenter(text, counter, settings.maxTokens());
        List<Unit> units = new ArrayList<>();
        int[][] blockEnds = new int[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            blockEnds[b] =
                    segmenter.segmentBlock(blocks.get(b).start(), blocks.get(b).end(), b, units);
        }
        return new Packing(document, text, blocks, blockEnds, units, segmenter).run();
    }

    /**
     * One block of the text, trimmed, with the heading path that encloses it (for a heading: the path
     * down to and including itself), and its place in a table: a table starts at a header block (or at
     * a row that follows no table block) and runs over the rows after it; {@code table} numbers the
     * tables of the document from 1 (0 outside tables), {@code tableHeader} is the index of the table's
     * header block, or -1.
     */
    record Block(
            int start,
            int end,
            boolean heading,
            int page,
            List<String> headingPath,
            TablePart tablePart,
            int table,
            int tableHeader) {
        Block(int start, int end, boolean heading, int page, List<String> headingPath) {
            this(start, end, heading, page, headingPath, TablePart.NONE, 0, -1);
        }

        boolean inTable() {
            return table > 0;
        }
    }

    /**
     * Turns spans into trimmed, non-blank blocks in text order. Text that no span covers becomes a
     * text block of its own, so that no character is lost to a faulty span list.
     */
    static List<Block> blocks(String text, List<Span> spans) {
        List<Span> ordered = new ArrayList<>(spans == null ? List.of() : spans);
        ordered.sort(Comparator.comparingInt(Span::start));
        List<Block> blocks = new ArrayList<>();
        Deque<Heading> stack = new ArrayDeque<>();
        List<String> path = List.of();
        int cursor = 0;
        int page = 0;
        for (Span span : ordered) {
            int start = Math.clamp(span.start(), cursor, text.length());
            int end = Math.clamp(span.end(), start, text.length());
            addBlock(blocks, text, cursor, start, false, page, path);
            page = Math.max(0, span.page());
            if (!span.heading() && span.tablePart() != TablePart.NONE) {
                addTableBlock(blocks, text, start, end, page, path, span.tablePart());
            } else if (span.heading()) {
                int s = skip(text, start, end);
                int e = trim(text, s, end);
                if (s < e) {
                    int level = Math.clamp(span.headingLevel(), 1, 6);
                    while (!stack.isEmpty() && stack.peekLast().level() >= level) {
                        stack.removeLast();
                    }
                    stack.addLast(new Heading(level, text.substring(s, e).replaceAll("\\s+", " ")));
                    path = stack.stream().map(Heading::text).toList();
                    blocks.add(new Block(s, e, true, page, path));
                }
            } else {
                addBlock(blocks, text, start, end, false, page, path);
            }
            cursor = Math.max(cursor, end);
        }
        addBlock(blocks, text, cursor, text.length(), false, page, path);
        numberTables(blocks);
        return blocks;
    }

    private record Heading(int level, String text) {}

    private static void addTableBlock(
            List<Block> blocks, String text, int start, int end, int page, List<String> path, TablePart part) {
        int s = skip(text, start, end);
        int e = trim(text, s, end);
        if (s < e) {
            blocks.add(new Block(s, e, false, page, path, part, 0, -1));
        }
    }

    /**
     * Numbers the tables: a header block opens a table, a row joins the table of the block right
     * before it or opens one without header, any other block closes it.
     */
    private static void numberTables(List<Block> blocks) {
        int tables = 0;
        int table = 0;
        int header = -1;
        for (int b = 0; b < blocks.size(); b++) {
            Block x = blocks.get(b);
            switch (x.tablePart()) {
                case HEADER -> {
                    table = ++tables;
                    header = b;
                }
                case ROW -> {
                    if (table == 0) {
                        table = ++tables;
                        header = -1;
                    }
                }
                case NONE -> {
                    table = 0;
                    header = -1;
                    continue;
                }
            }
            blocks.set(
                    b, new Block(x.start(), x.end(), false, x.page(), x.headingPath(), x.tablePart(), table, header));
        }
    }

    private static void addBlock(
            List<Block> blocks, String text, int start, int end, boolean heading, int page, List<String> path) {
        int s = skip(text, start, end);
        int e = trim(text, s, end);
        if (s < e) {
            blocks.add(new Block(s, e, heading, page, path));
        }
    }

    private static int skip(String text, int from, int to) {
        while (from < to && UnitSegmenter.isBlank(text.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trim(String text, int from, int to) {
        while (to > from && UnitSegmenter.isBlank(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** Where the next chunk starts when it repeats the end of the previous one. */
    private record Overlap(int start, int unit, int tokens) {}

    /** The greedy packing of one document's units into chunks. */
    private final class Packing {
        private final NormalizedDocument document;
        private final String text;
        private final List<Block> blocks;
        private final int[][] blockEnds;
        private final List<Unit> units;
        private final UnitSegmenter segmenter;
        private final int max = settings.maxTokens();
        private final List<Chunk> chunks = new ArrayList<>();

        Packing(
                NormalizedDocument document,
                String text,
                List<Block> blocks,
                int[][] blockEnds,
                List<Unit> units,
                UnitSegmenter segmenter) {
            this.document = document;
            this.text = text;
            this.blocks = blocks;
            this.blockEnds = blockEnds;
            this.units = units;
            this.segmenter = segmenter;
        }

        List<Chunk> run() {
            int next = 0; // first unit not yet in any chunk
            Overlap overlap = null;
            while (next < units.size()) {
                String prefix = overlap == null ? repeatedHeader(next) : null;
                int start = overlap == null ? units.get(next).start() : overlap.start();
                int first = overlap == null ? next : overlap.unit();
                int sum = overlap == null ? (prefix == null ? 0 : counter.count(prefix) + 1) : overlap.tokens();
                boolean hasContent = overlap != null || prefix != null;
                int last = next;
                int page = pageOf(units.get(next));
                for (int j = next; j < units.size(); j++) {
                    Unit u = units.get(j);
                    boolean heading = isHeading(u);
                    if ((heading && hasContent)
                            || (j > next && sum + u.tokens() > max)
                            || pageOf(u) != page
                            || (hasContent && startsTable(j) && sum + tableTokens(j, max - sum) > max)) {
                        // a heading after content opens a new section; a new page, a new chunk; the chunk
                        // is full; or a table
                        // that does not fit in what is left after content starts a chunk of its own
                        // (after headings alone it stays, so that they are never a chunk by themselves)
                        break;
                    }
                    sum += u.tokens();
                    hasContent |= !heading;
                    last = j;
                }
                int tokens;
                while (true) { // verify with the real counter; shrink rather than exceed
                    Unit only = units.get(next);
                    if (prefix == null && last == next && start == only.start() && only.exact()) {
                        tokens = only.tokens();
                        break;
                    }
                    int end = units.get(last).end();
                    String head = prefix == null ? "" : prefix + TABLE_HEADER_SEPARATOR;
                    String candidate = head + text.substring(start, end);
                    tokens = counter.count(candidate);
                    if (tokens <= max) {
                        break;
                    }
                    if (last > next) {
                        int[] offsets = counter.tokenEndOffsets(candidate);
                        int fits = offsets.length > max ? start + offsets[max - 1] - head.length() : end - 1;
                        int kept = last - 1;
                        while (kept > next && units.get(kept).end() > fits) {
                            kept--;
                        }
                        last = kept;
                    } else if (prefix != null) {
                        prefix = null; // the header does not fit beside this row: the row goes alone
                    } else if (start < only.start()) {
                        start = only.start(); // the repeated text does not fit beside the new unit: drop it
                        first = next;
                    } else {
                        units.remove(next); // estimate was wrong and the unit alone is too big: cut it finer
                        units.addAll(
                                next, segmenter.splitRun(only.start(), only.end(), only.block(), new ArrayList<>()));
                        last = next;
                    }
                }
                emit(prefix, start, first, last, tokens);
                next = last + 1;
                overlap = settings.overlapTokens() > 0
                                && next < units.size()
                                && !isHeading(units.get(next))
                                && pageOf(units.get(next)) == page
                                && !inTable(units.get(next))
                        ? overlap(start, first, last, units.get(next))
                        : null;
            }
            return List.copyOf(chunks);
        }

        /**
         * The header line of the table that unit {@code k} continues, when a chunk starts on one of its
         * rows: a table cut across chunks repeats its header at the top of each part. Null when the unit
         * is no table row, its table has no header, or the header would take more than a third of the
         * chunk.
         */
        private String repeatedHeader(int k) {
            Block block = blocks.get(units.get(k).block());
            if (block.tablePart() != TablePart.ROW || block.tableHeader() < 0) {
                return null;
            }
            Block header = blocks.get(block.tableHeader());
            String line = text.substring(header.start(), header.end());
            return counter.count(line) <= max / MAX_REPEATED_HEADER_SHARE ? line : null;
        }

        /** Whether unit {@code j} is the first unit of a table. */
        private boolean startsTable(int j) {
            Block block = blocks.get(units.get(j).block());
            if (!block.inTable()) {
                return false;
            }
            return j == 0 || blocks.get(units.get(j - 1).block()).table() != block.table();
        }

        /** The tokens of the table starting at unit {@code j}, counted up to a little past {@code enough}. */
        private int tableTokens(int j, int enough) {
            int table = blocks.get(units.get(j).block()).table();
            int sum = 0;
            for (int k = j; k < units.size() && sum <= enough; k++) {
                if (blocks.get(units.get(k).block()).table() != table) {
                    break;
                }
                sum += units.get(k).tokens();
            }
            return sum;
        }

        private boolean inTable(Unit u) {
            return blocks.get(u.block()).inTable();
        }

        /**
         * The longest tail of the chunk {@code [start, units[last].end)} that is at most {@code
         * overlapTokens} (checked with the real counter), starts after {@code start} (so chunks always
         * move forward), stays inside the section, and leaves room for the next unit. Whole units first;
         * then trailing sentences of a block unit. {@code null} when nothing fits.
         */
        private Overlap overlap(int start, int first, int last, Unit nextUnit) {
            int budget = settings.overlapTokens();
            int room = Math.min(budget, max - nextUnit.tokens());
            List<Overlap> candidates = new ArrayList<>(); // nearest first
            int sum = 0;
            for (int k = last; k >= first; k--) {
                Unit u = units.get(k);
                if (isHeading(u) || inTable(u)) {
                    break; // a table's rows are never repeated into the prose after it
                }
                if (u.start() > start && sum + u.tokens() <= budget) {
                    sum += u.tokens();
                    candidates.add(new Overlap(u.start(), k, sum));
                    continue;
                }
                if (u.kind() == Unit.Kind.BLOCK && blockEnds[u.block()] != null) {
                    trailingSentences(u, k, start, sum, budget, candidates);
                }
                break;
            }
            int end = units.get(last).end();
            for (int c = candidates.size() - 1; c >= 0; c--) {
                Overlap candidate = candidates.get(c);
                if (candidate.tokens() <= room && counter.count(text.substring(candidate.start(), end)) <= budget) {
                    return candidate;
                }
            }
            return null;
        }

        private void trailingSentences(Unit u, int k, int start, int sum, int budget, List<Overlap> out) {
            int[] ends = blockEnds[u.block()];
            BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
            sentences.setText(new StringCharacterIterator(text, u.start(), u.end(), u.start()));
            for (int b = sentences.last(); b != BreakIterator.DONE; b = sentences.previous()) {
                int s = segmenter.skipBlank(b, u.end());
                if (s <= start || s <= u.start()) {
                    break;
                }
                if (s >= u.end()) {
                    continue;
                }
                int tokens = sum + countIn(ends, s, u.end());
                if (tokens > budget) {
                    break;
                }
                out.add(new Overlap(s, k, tokens));
            }
        }

        private void emit(String prefix, int start, int first, int last, int tokens) {
            int end = units.get(last).end();
            String chunkText = (prefix == null ? "" : prefix + TABLE_HEADER_SEPARATOR) + text.substring(start, end);
            List<String> path = null;
            int pageStart = 0;
            int pageEnd = 0;
            for (int k = first; k <= last; k++) {
                Block block = blocks.get(units.get(k).block());
                if (path == null && !block.heading()) {
                    path = block.headingPath();
                }
                if (block.page() > 0) {
                    pageStart = pageStart == 0 ? block.page() : Math.min(pageStart, block.page());
                    pageEnd = Math.max(pageEnd, block.page());
                }
            }
            if (path == null) { // only headings: the path down to the last of them
                path = blocks.get(units.get(last).block()).headingPath();
            }
            String hash = Hashing.sha256Hex(chunkText);
            int ordinal = chunks.size();
            String uri = document.uri() == null ? "" : document.uri();
            String identity = uri + '\u0000' + version + '\u0000' + ordinal + '\u0000' + hash;
            String id = Hashing.sha256Hex(identity).substring(0, 32);
            chunks.add(new Chunk(
                    id,
                    document.uri(),
                    ordinal,
                    document.title(),
                    path,
                    pageStart,
                    pageEnd,
                    start,
                    end,
                    chunkText,
                    tokens,
                    hash,
                    version));
        }

        private boolean isHeading(Unit u) {
            return blocks.get(u.block()).heading();
        }

        /** The 1-based page a unit is on, 0 when the format has no pages. */
        private int pageOf(Unit u) {
            return blocks.get(u.block()).page();
        }
    }

    /** Tokens of a block ending in {@code (start, end]}, from its token end offsets. */
    private static int countIn(int[] ends, int start, int end) {
        return upTo(ends, end) - upTo(ends, start);
    }

    private static int upTo(int[] ends, int offset) {
        return UnitSegmenter.countEndsUpTo(ends, ends.length, offset);
    }
}
