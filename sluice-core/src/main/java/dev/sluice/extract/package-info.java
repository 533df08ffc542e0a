/**
 * Extraction: one file in, its text as structured blocks out, or a quarantine reason.
 *
 * <p>{@code PdfTableDetector} is a few lines over the project's ~500-line guide: it is one pass over a
 * page's lines (regions, columns, header lines, units, caption), and the parts that stand alone already
 * left it ({@code PdfColumnHeaders}, {@code PdfLineSplit}, {@code TableText}).
 *
 * <h2>Roles</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.extract.Extractor}: the seam. {@link dev.sluice.extract.DocumentExtractor}
 *       is its one implementation and the class to learn first.
 *   <li>{@link dev.sluice.extract.ExtractionLimits}: size, time, text and nesting limits, validated
 *       once.
 *   <li>{@link dev.sluice.extract.ExtractedDocument} and {@link dev.sluice.extract.Block}: the result,
 *       raw text in reading order with headings and pages. Normalization happens later, in
 *       {@code dev.sluice.quality}.
 *   <li>Package-private helpers are the internals (not API): {@code HtmlBlockExtractor} (jsoup),
 *       {@code MarkdownBlockExtractor} (commonmark), {@code TikaBlockHandler} (SAX events from any
 *       Tika parser), all three driving one {@code BlockCollector}; {@code ParseFailures} maps
 *       exceptions to reasons. They stay package-private rather than in an {@code internal} package
 *       so that the compiler, not a comment, keeps them out of reach.
 *   <li>Tables, also package-private: {@code TableText} is the one written form of a table (a header
 *       line {@code caption | 2018 | 2017 (Millions)}, then one block per row: {@code label | (1,577) |
 *       (1,373)}) and
 *       the tests of what a cell holds; {@code CellTable} lays {@code tr/td/th} cells (HTML, Tika's
 *       DOCX/ODT XHTML, Markdown) on a grid; for PDFs, {@code PdfTables} chooses the pages to read
 *       again, {@code PdfLineReader} reads their words with positions (PDFBox) and {@code
 *       PdfTableDetector} finds the tables in the lines. Blocks mark their {@link
 *       dev.sluice.extract.Block.TablePart}, so the chunker can keep a table together.
 * </ul>
 *
 * <h2>Flow of {@code extract(file, uri)}</h2>
 *
 * <ol>
 *   <li>On the caller's thread: file attributes. Missing, a directory, not a regular file or not
 *       readable: UNREADABLE. Larger than {@code maxFileBytes}: TOO_LARGE, before a byte is read.
 *   <li>On a daemon worker thread ({@code sluice-extract-N-M}), under {@code parseTimeoutMillis}:
 *       a 0-byte file gives a document with no blocks. Otherwise Tika detects the media type from
 *       content and name. A {@code text/*} type whose first 8 KiB hold NUL or many control bytes:
 *       UNSUPPORTED_TYPE ("binary content in a text file"). Then the dispatch:
 *       <ul>
 *         <li>HTML, XHTML: jsoup, charset from BOM, meta or statistics (Tika's detectors); site chrome
 *             removed, main content chosen (see {@code HtmlBlockExtractor}).
 *         <li>Markdown ({@code .md}, {@code .markdown}): commonmark-java; pipe tables become rows.
 *         <li>A zip container (DOCX, XLSX, ODT, EPUB, zip): its directory is checked for entries that
 *             inflate beyond {@code maxCompressionRatio} first (EXPANSION_LIMIT).
 *         <li>Anything else Tika has a text parser for (PDF, DOCX, DOC, ODT, PPTX, XLSX, RTF, EPUB,
 *             plain text, zip): Tika's AutoDetectParser. PDF pages arrive as
 *             {@code <div class="page">}; plain text is split into paragraphs on blank lines; a
 *             {@code <table>} is collected whole and written as rows with their headers.
 *         <li>PDF only, after Tika: pages whose text has at least three lines ending in a number are
 *             read again with PDFBox's text positions; a page where a table is found is replaced by
 *             its prose paragraphs and the table's header and row blocks, plus any of Tika's text of
 *             the page the new reading lacks (link targets, text in another direction). Every other
 *             page keeps Tika's blocks. This pass never fails the file: whatever goes wrong in it
 *             (PDFBox cannot reopen the file, page counts disagree, an exception) leaves Tika's
 *             blocks as they are.
 *         <li>{@code application/octet-stream}, images, audio, video, fonts, executables, or a type
 *             without a parser: UNSUPPORTED_TYPE naming the type.
 *       </ul>
 * </ol>
 *
 * <h2>Quarantine mapping</h2>
 *
 * <table>
 *   <caption>What ends which way</caption>
 *   <tr><th>Cause</th><th>Reason</th></tr>
 *   <tr><td>missing, directory, device, no permission, open fails</td><td>UNREADABLE</td></tr>
 *   <tr><td>file over {@code maxFileBytes}; text over {@code maxExtractedChars}; out of memory</td>
 *       <td>TOO_LARGE</td></tr>
 *   <tr><td>not finished within {@code parseTimeoutMillis}, or the caller was interrupted</td>
 *       <td>TIMED_OUT</td></tr>
 *   <tr><td>binary or text-less type, binary bytes under a text name, a format variant the parser
 *       rejects as unsupported</td><td>UNSUPPORTED_TYPE</td></tr>
 *   <tr><td>Tika EncryptedDocumentException, PDFBox InvalidPasswordException, POI
 *       EncryptedDocumentException</td><td>ENCRYPTED</td></tr>
 *   <tr><td>zip entry over {@code maxCompressionRatio}, Tika's "zip bomb" (SecureContentHandler),
 *       nesting over {@code maxNestingDepth}, TikaMemoryLimitException</td><td>EXPANSION_LIMIT</td></tr>
 *   <tr><td>any other parser exception or error (TikaException, IOException, SAXException,
 *       RuntimeException from PDFBox or POI, StackOverflowError)</td><td>CORRUPT</td></tr>
 * </table>
 *
 * <p>Messages are one line: what happened, the value and the limit, the setting to change, or the
 * innermost cause's class and first message line for CORRUPT. Stack traces stay in the cause.
 * A document with no text is not a failure here: {@code dev.sluice.quality.TextNormalizer} decides
 * EMPTY after normalization, so "no text" means the same for every format.
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * try (DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults())) {
 *   ExtractedDocument doc = extractor.extract(path, path.toUri().toString());
 *   NormalizedDocument text = new TextNormalizer().normalize(doc);
 * } catch (ItemFailure failure) {
 *   quarantine(failure.uri(), failure.reason(), failure.getMessage());
 * }
 * }</pre>
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>A timed-out parse is interrupted, but most parsers never look at interrupts: the worker may
 *       run on until its next text event (where {@code BlockCollector} checks) or to its end. The
 *       pool grows a new thread for the next file meanwhile; a pathological file can therefore cost
 *       CPU after its TIMED_OUT.
 *   <li>Tika sets POI's global ZipSecureFile inflate ratio to -1 (off) and protects by counting
 *       output characters, which comes too late for POI's DOM parsers: hence the directory check and
 *       the SAX DOCX/PPTX extractors. A zip whose directory lies about sizes passes the check;
 *       Tika's SecureContentHandler and {@code maxExtractedChars} still bound the output.
 *   <li>Headings exist only where the format has them: HTML, Markdown, DOCX/ODT with heading styles.
 *       PDF text arrives as paragraphs; the PDF outline is not used (it would repeat headings at the
 *       end of the text). OCR is off: a scanned PDF gives no text and ends EMPTY.
 *   <li>Deep nesting: jsoup's DOM is walked with {@code NodeTraversor} and commonmark's tree with an
 *       explicit successor loop; never add a recursive walk here.
 *   <li>Running as root, file permissions do not stop reads: UNREADABLE for chmod 000 cannot happen.
 *   <li>Tables are found by layout, not by meaning. In PDFs only tables of numbers are found (a row
 *       is a line ending in values after a wide gap); text tables stay prose. A header spanning an
 *       odd number of columns and centred on the middle one may be given to all of them. A table
 *       whose rows mostly have no label (labels drawn as images) stays text rather than become rows
 *       of bare numbers. A table's text can still grow (a grid of spanning cells): a
 *       HTML/DOCX table that would grow more than four times is written as joined cells, and a PDF
 *       whose rows would pass {@code maxExtractedChars} keeps Tika's text.
 *   <li>The PDF table pass reads the file a second time: about half again Tika's time on a filing
 *       (7 s over 20 SEC 10-Ks), still small beside embedding the chunks; rows that repeat their
 *       headers and units make about 16% more tokens to embed on those filings. {@code PdfTablesTiming}
 *       in the tests measures it.
 * </ul>
 */
package dev.sluice.extract;
