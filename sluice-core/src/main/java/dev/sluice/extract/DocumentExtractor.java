package dev.sluice.extract;

import dev.sluice.core.Checks;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.SAXException;

/**
 * The one entry point of extraction: a file in, an {@link ExtractedDocument} or an {@link ItemFailure}
 * out. See the package documentation for the flow, the dispatch by media type and the quarantine
 * mapping.
 *
 * <p>Thread-safe: one instance serves any number of callers. Each call runs on a daemon thread named
 * {@code sluice-extract-N} so the caller can stop waiting when {@link ExtractionLimits#parseTimeoutMillis()}
 * expires. {@link #close()} stops the pool; an unclosed extractor holds no thread longer than 30 s
 * after its last call.
 */
public final class DocumentExtractor implements Extractor, AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final String PDF_TYPE = "application/pdf";
    private static final Set<String> MARKDOWN_TYPES = Set.of("text/x-web-markdown", "text/markdown");
    /** Tika has parsers for these, but they yield metadata only: no text to index. */
    private static final Set<String> NO_TEXT_TYPES = Set.of(
            "application/octet-stream",
            "application/x-executable",
            "application/x-sharedlib",
            "application/x-msdownload",
            "application/x-dosexec",
            "application/x-object",
            "application/x-coredump",
            "application/java-vm",
            "application/x-java-class",
            "application/x-elf",
            "application/x-mach-o-executable",
            "application/x-mach-o-dylib",
            "application/x-mach-o-bundle",
            "application/x-mach-o-universal");

    private static final Set<String> NO_TEXT_TOP_LEVEL_TYPES = Set.of("image", "audio", "video", "font", "model");
    private static final Map<String, Property> KEPT_METADATA = keptMetadata();

    private final ExtractionLimits limits;
    private final TikaConfig tika;
    private final AutoDetectParser parser;
    private final Map<MediaType, Parser> parsersByType;
    private final MediaTypeRegistry registry;
    private final ExecutorService pool;
    private final boolean pdfTables;

    /** An extractor with {@link ExtractionLimits#defaults()}. */
    public DocumentExtractor() {
        this(ExtractionLimits.defaults());
    }

    public DocumentExtractor(ExtractionLimits limits) {
        this(limits, true);
    }

    /**
     * @param pdfTables whether PDF pages with tables are read again for their rows ({@link PdfTables});
     *     off only to measure what that costs, or to compare with Tika's plain text
     */
    DocumentExtractor(ExtractionLimits limits, boolean pdfTables) {
        this.pdfTables = pdfTables;
        this.limits = Checks.notNull("limits", limits);
        this.tika = TikaHolder.CONFIG;
        this.parser = new AutoDetectParser(tika);
        AutoDetectParserConfig config = new AutoDetectParserConfig();
        config.setMaximumCompressionRatio(limits.maxCompressionRatio());
        config.setOutputThreshold(limits.compressionCheckThresholdChars());
        // Our own nesting limit (NestingLimitedExtractor) should speak first, with a clearer message.
        config.setMaximumPackageEntryDepth(limits.maxNestingDepth() + 2);
        this.parser.setAutoDetectParserConfig(config);
        this.parsersByType = parser.getParsers(new ParseContext());
        this.registry = tika.getMediaTypeRegistry();
        String prefix = "sluice-extract-" + INSTANCES.incrementAndGet() + "-";
        this.pool = new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                Thread.ofPlatform().name(prefix, 1).daemon(true).factory());
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /**
     * Extracts one file. Checks size and readability before opening it, then detects the media type
     * from content and name and parses under the time limit.
     *
     * @param file the file to read
     * @param uri the URI recorded on the result and on any failure
     * @throws ItemFailure with a {@link QuarantineReason} for every way a file can fail; nothing else
     *     escapes except IllegalArgumentException for null arguments
     */
    @Override
    public ExtractedDocument extract(Path file, String uri) throws ItemFailure {
        Checks.notNull("file", file);
        Checks.notNull("uri", uri);
        long size = checkedSize(file, uri);
        Future<ExtractedDocument> task;
        try {
            task = pool.submit(() -> extractOnWorker(file, uri, size));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("this DocumentExtractor is closed; create a new one", e);
        }
        try {
            return task.get(limits.parseTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw ParseFailures.timedOut(uri, limits);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ItemFailure(uri, QuarantineReason.TIMED_OUT, "extraction interrupted before it finished");
        } catch (ExecutionException e) {
            throw ParseFailures.classify(uri, "the file", e.getCause(), limits);
        }
    }

    /** Stops the worker threads; a parse still running is interrupted. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private long checkedSize(Path file, String uri) throws ItemFailure {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ItemFailure(uri, QuarantineReason.UNREADABLE, "file does not exist (moved or deleted?)");
        } catch (IOException e) {
            throw new ItemFailure(
                    uri, QuarantineReason.UNREADABLE, "cannot read file attributes: " + ParseFailures.describe(e));
        }
        if (attributes.isDirectory()) {
            throw new ItemFailure(uri, QuarantineReason.UNREADABLE, "is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new ItemFailure(uri, QuarantineReason.UNREADABLE, "not a regular file (device, pipe or socket)");
        }
        long size = attributes.size();
        if (size > limits.maxFileBytes()) {
            throw new ItemFailure(
                    uri,
                    QuarantineReason.TOO_LARGE,
                    String.format(
                            Locale.ROOT,
                            "file is %,d bytes, over the limit of %,d bytes; raise extraction.maxFileMb in sluice.yaml (or --max-file-mb) to extract it",
                            size,
                            limits.maxFileBytes()));
        }
        if (!Files.isReadable(file)) {
            throw new ItemFailure(uri, QuarantineReason.UNREADABLE, "no permission to read the file");
        }
        return size;
    }

    private ExtractedDocument extractOnWorker(Path file, String uri, long size) throws ItemFailure {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        if (size == 0) {
            // Nothing to parse; emptiness is for normalization to decide, like any other text-less file.
            String type = detectByName(metadata);
            return new ExtractedDocument(uri, baseName(fileName), type, List.of(), 0, Map.of());
        }
        TikaInputStream stream;
        try {
            stream = TikaInputStream.get(file, metadata);
        } catch (AccessDeniedException e) {
            throw new ItemFailure(uri, QuarantineReason.UNREADABLE, "no permission to read the file");
        } catch (IOException e) {
            throw new ItemFailure(
                    uri, QuarantineReason.UNREADABLE, "cannot open the file: " + ParseFailures.describe(e));
        }
        String mediaType = "the file";
        try (stream) {
            MediaType detected = tika.getDetector().detect(stream, metadata).getBaseType();
            mediaType = detected.toString();
            ParsedContent content = parse(file, stream, detected, metadata, uri);
            String title = meaningfulTitle(content.title())
                    ? content.title().strip()
                    : firstHeading(content.blocks(), baseName(fileName));
            return new ExtractedDocument(
                    uri, title, mediaType, content.blocks(), content.pageCount(), content.metadata());
        } catch (ItemFailure e) {
            throw e;
        } catch (Throwable e) {
            throw ParseFailures.classify(uri, mediaType, e, limits);
        }
    }

    private ParsedContent parse(Path file, TikaInputStream stream, MediaType type, Metadata metadata, String uri)
            throws IOException, ItemFailure, TikaException, SAXException {
        String base = type.toString();
        String lowerName = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        boolean text = type.getType().equals("text");
        if (text && BinarySniffer.looksBinary(stream)) {
            throw new ItemFailure(
                    uri,
                    QuarantineReason.UNSUPPORTED_TYPE,
                    "binary content in a text file (" + base + " by name, but the bytes are not text)");
        }
        if (HTML_TYPES.contains(base)) {
            return new HtmlBlockExtractor(limits.maxExtractedChars()).extract(readText(file, metadata), uri);
        }
        if (MARKDOWN_TYPES.contains(base)
                || base.equals("text/plain") && (lowerName.endsWith(".md") || lowerName.endsWith(".markdown"))) {
            return new MarkdownBlockExtractor(limits.maxExtractedChars()).extract(readText(file, metadata));
        }
        if (isZip(stream)) {
            String bomb = ZipExpansionCheck.problem(file, limits.maxCompressionRatio());
            if (bomb != null) {
                throw new ItemFailure(uri, QuarantineReason.EXPANSION_LIMIT, "suspected zip bomb: " + bomb);
            }
        }
        if (!hasTextParser(type)) {
            throw new ItemFailure(
                    uri,
                    QuarantineReason.UNSUPPORTED_TYPE,
                    "unsupported type " + base + ": Sluice extracts text from documents, not from this kind of file");
        }
        return parseWithTika(file, stream, type, metadata, uri);
    }

    private static boolean isZip(TikaInputStream stream) throws IOException {
        byte[] magic = new byte[4];
        return stream.peek(magic) == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }

    private ParsedContent parseWithTika(
            Path file, TikaInputStream stream, MediaType type, Metadata metadata, String uri)
            throws IOException, ItemFailure, TikaException, SAXException {
        boolean plainText = type.getType().equals("text");
        BlockCollector collector = new BlockCollector(limits.maxExtractedChars(), plainText);
        TikaBlockHandler handler = new TikaBlockHandler(collector);
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        NestingLimitedExtractor embedded = new NestingLimitedExtractor(context, handler, limits.maxNestingDepth());
        context.set(EmbeddedDocumentExtractor.class, embedded);
        context.set(PDFParserConfig.class, pdfConfig());
        OfficeParserConfig office = new OfficeParserConfig();
        // The SAX extractors stream the XML instead of building a DOM of it: bounded memory.
        office.setUseSAXDocxExtractor(true);
        office.setUseSAXPptxExtractor(true);
        context.set(OfficeParserConfig.class, office);
        TesseractOCRConfig noOcr = new TesseractOCRConfig();
        noOcr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, noOcr);
        try {
            parser.parse(stream, handler, metadata, context);
        } catch (IOException | TikaException | SAXException | RuntimeException e) {
            checkLimitFlags(collector, embedded, uri);
            throw e;
        }
        // Some parsers swallow exceptions from embedded documents: the flags still tell.
        checkLimitFlags(collector, embedded, uri);
        String title = metadata.get(TikaCoreProperties.TITLE);
        List<Block> blocks = collector.finish();
        if (pdfTables && type.toString().equals(PDF_TYPE)) {
            blocks = PdfTables.rewrite(file, blocks, collector.pageCount(), limits.maxExtractedChars())
                    .blocks();
        }
        return new ParsedContent(title, blocks, collector.pageCount(), kept(metadata));
    }

    private void checkLimitFlags(BlockCollector collector, NestingLimitedExtractor embedded, String uri)
            throws ItemFailure {
        if (collector.limitExceeded()) {
            throw ParseFailures.textLimit(uri, limits);
        }
        if (embedded.limitExceeded()) {
            throw ParseFailures.nestingLimit(uri, limits);
        }
    }

    private static PDFParserConfig pdfConfig() {
        PDFParserConfig config = new PDFParserConfig();
        // The outline repeats headings at the end of the text; inline images carry no text without OCR.
        config.setExtractBookmarksText(false);
        config.setExtractInlineImages(false);
        config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        return config;
    }

    private String detectByName(Metadata metadata) {
        try {
            return tika.getMimeRepository().detect(null, metadata).getBaseType().toString();
        } catch (IOException e) {
            return MediaType.OCTET_STREAM.toString();
        }
    }

    /** Whether Tika has a parser for the type or one of its supertypes that yields text. */
    private boolean hasTextParser(MediaType type) {
        if (NO_TEXT_TYPES.contains(type.toString())
                || NO_TEXT_TOP_LEVEL_TYPES.contains(type.getType())
                || type.getSubtype().startsWith("x-font")) {
            return false;
        }
        for (MediaType t = type; t != null && !t.equals(MediaType.OCTET_STREAM); t = registry.getSupertype(t)) {
            Parser candidate = parsersByType.get(t);
            if (candidate != null && !(candidate instanceof EmptyParser)) {
                return true;
            }
        }
        return false;
    }

    /** Decodes a text file with Tika's charset detection (BOM, HTML meta, statistics); UTF-8 as last resort. */
    private String readText(Path file, Metadata metadata) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (AutoDetectReader reader =
                new AutoDetectReader(new ByteArrayInputStream(bytes), metadata, tika.getEncodingDetector())) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        } catch (TikaException noCharsetDetected) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> kept(Metadata metadata) {
        Map<String, String> kept = new LinkedHashMap<>();
        KEPT_METADATA.forEach((name, property) -> {
            String[] values = metadata.getValues(property);
            if (values.length > 0) {
                String joined = String.join("; ", values).strip();
                if (!joined.isEmpty()) {
                    kept.put(name, joined);
                }
            }
        });
        String charset = metadata.get(Metadata.CONTENT_ENCODING);
        if (charset != null) {
            kept.put("charset", charset);
        }
        return kept;
    }

    private static Map<String, Property> keptMetadata() {
        Map<String, Property> kept = new LinkedHashMap<>();
        kept.put("author", TikaCoreProperties.CREATOR);
        kept.put("created", TikaCoreProperties.CREATED);
        kept.put("modified", TikaCoreProperties.MODIFIED);
        kept.put("language", TikaCoreProperties.LANGUAGE);
        return kept;
    }

    /**
     * Whether a metadata title says something: producers often fill it with an identifier (an SEC
     * accession number such as {@code 0001065280-18-000069}), a file name or a template's "untitled".
     */
    static boolean meaningfulTitle(String title) {
        if (title == null || title.isBlank()) {
            return false;
        }
        String t = title.strip();
        long letters = t.chars().filter(Character::isLetter).count();
        String lower = t.toLowerCase(Locale.ROOT);
        boolean fileName = lower.matches(".*\\.(pdf|docx?|odt|html?|txt|md|rtf|pptx?|xlsx?)$");
        boolean placeholder =
                lower.equals("untitled") || lower.startsWith("microsoft word - ") || lower.equals("title");
        return letters >= 3 && !fileName && !placeholder;
    }

    private static String firstHeading(List<Block> blocks, String fallback) {
        return blocks.stream()
                .filter(b -> b.kind() == Block.Kind.HEADING && !b.text().isBlank())
                .map(b -> b.text().strip())
                .findFirst()
                .orElse(fallback);
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** Loading Tika's configuration scans the class path once; every extractor shares the result. */
    private static final class TikaHolder {
        static final TikaConfig CONFIG = TikaConfig.getDefaultConfig();
    }
}
