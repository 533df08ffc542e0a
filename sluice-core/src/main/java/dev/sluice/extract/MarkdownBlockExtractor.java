package dev.sluice.extract;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Markdown to blocks with commonmark-java: ATX and setext headings become headings; paragraphs,
 * list items, block quotes and code blocks become text blocks of plain text (link text and inline
 * code kept, markup and images dropped). A YAML front matter block is skipped and its {@code title:}
 * used as the title.
 *
 * <p>GitHub pipe tables are not CommonMark: the core parser sees a paragraph. A paragraph whose
 * second line is a delimiter row ({@code |---|:--:|}) is split into one block per row, cells joined
 * by " | ", the same shape as HTML and Tika tables. Both tree walks are iterative, never recursive.
 */
final class MarkdownBlockExtractor {
    private static final Pattern FRONT_MATTER =
            Pattern.compile("\\A---[ \\t]*\\r?\\n(.*?)\\r?\\n(?:---|\\.\\.\\.)[ \\t]*(?:\\r?\\n|\\z)", Pattern.DOTALL);
    private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("(?m)^title:[ \\t]*[\"']?(.*?)[\"']?[ \\t]*$");
    private static final Pattern TABLE_DELIMITER_ROW =
            Pattern.compile("^\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$");

    private final Parser parser = Parser.builder().build();
    private final int maxChars;

    MarkdownBlockExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    ParsedContent extract(String markdown) {
        String title = null;
        Matcher frontMatter = FRONT_MATTER.matcher(markdown);
        if (frontMatter.find()) {
            Matcher titleLine = FRONT_MATTER_TITLE.matcher(frontMatter.group(1));
            if (titleLine.find() && !titleLine.group(1).isBlank()) {
                title = titleLine.group(1);
            }
            markdown = markdown.substring(frontMatter.end());
        }
        Node document = parser.parse(markdown);
        BlockCollector collector = new BlockCollector(maxChars, false);
        Node node = document.getFirstChild();
        while (node != null) {
            BlockCollector.checkCancelled();
            boolean leaf = true;
            switch (node) {
                case Heading heading -> {
                    String text = inlineText(heading);
                    collector.startHeading(heading.getLevel());
                    collector.text(text);
                    collector.endHeading();
                    if (title == null && heading.getLevel() == 1 && !text.isBlank()) {
                        title = text;
                    }
                }
                case Paragraph paragraph -> paragraph(inlineText(paragraph), collector);
                case FencedCodeBlock code -> textBlock(code.getLiteral(), collector);
                case IndentedCodeBlock code -> textBlock(code.getLiteral(), collector);
                case HtmlBlock html -> textBlock(htmlText(html.getLiteral()), collector);
                case ThematicBreak ignored -> {}
                case LinkReferenceDefinition ignored -> {}
                default -> leaf = false; // a container: document, block quote, list, list item
            }
            node = next(node, document, !leaf);
        }
        return new ParsedContent(title, collector.finish(), 0, Map.of());
    }

    private static void paragraph(String text, BlockCollector collector) {
        String[] lines = text.split("\n", -1);
        if (lines.length >= 2
                && lines[0].contains("|")
                && TABLE_DELIMITER_ROW.matcher(lines[1]).matches()) {
            collector.openElement("table");
            boolean header = true; // the line above the delimiter row heads the columns
            for (String line : lines) {
                if (TABLE_DELIMITER_ROW.matcher(line).matches()) {
                    header = false;
                    continue;
                }
                collector.openElement("tr");
                String row = line.strip();
                row = row.startsWith("|") ? row.substring(1) : row;
                row = row.endsWith("|") ? row.substring(0, row.length() - 1) : row;
                for (String cell : row.split("\\|", -1)) {
                    collector.openElement(header ? "th" : "td");
                    collector.text(cell.strip());
                }
                collector.closeElement("tr");
            }
            collector.closeElement("table");
        } else {
            textBlock(text, collector);
        }
    }

    private static void textBlock(String text, BlockCollector collector) {
        collector.breakBlock();
        collector.text(text);
        collector.breakBlock();
    }

    private static String htmlText(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        body.select("script, style, template").remove();
        return body.text();
    }

    /** The plain text under one block: literal text and inline code, line breaks as "\n", no images. */
    private static String inlineText(Node block) {
        StringBuilder text = new StringBuilder();
        Node node = block.getFirstChild();
        while (node != null) {
            boolean descend = false;
            switch (node) {
                case Text t -> text.append(t.getLiteral());
                case Code code -> text.append(code.getLiteral());
                case SoftLineBreak ignored -> text.append('\n');
                case HardLineBreak ignored -> text.append('\n');
                case HtmlInline ignored -> {}
                case Image ignored -> {}
                default -> descend = true; // emphasis, strong, link: their children hold the text
            }
            node = next(node, block, descend);
        }
        return text.toString();
    }

    /** Pre-order successor of {@code node} inside {@code root}, without recursion. */
    private static Node next(Node node, Node root, boolean descend) {
        if (descend && node.getFirstChild() != null) {
            return node.getFirstChild();
        }
        Node current = node;
        while (current != null && current != root) {
            if (current.getNext() != null) {
                return current.getNext();
            }
            current = current.getParent();
        }
        return null;
    }
}
