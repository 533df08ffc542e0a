package dev.sluice.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML to blocks with jsoup, keeping the main content and dropping site chrome.
 *
 * <p>Three passes: remove what is never content (scripts, navigation, footers, forms, hidden
 * elements, ARIA landmarks for navigation and complementary content); choose the root of the main
 * content ({@code <main>}, else the largest {@code <article>}, else {@code <body>}); inside that root
 * remove containers whose class or id says cookie banner, share bar, related links, ad, comments
 * (the same heuristic as Mozilla Readability's "unlikely candidates"). Then one iterative walk
 * ({@link NodeTraversor}, no recursion, so 100,000 nested {@code div}s cannot overflow the stack)
 * drives a {@link BlockCollector}.
 */
final class HtmlBlockExtractor {
    private static final String CHROME = String.join(
            ", ",
            "script",
            "style",
            "noscript",
            "template",
            "nav",
            "footer",
            "aside",
            "form",
            "iframe",
            "svg",
            "object",
            "embed",
            "canvas",
            "button",
            "select",
            "textarea",
            "dialog",
            "link",
            "meta",
            "[role=navigation]",
            "[role=contentinfo]",
            "[role=complementary]",
            "[role=banner]",
            "[role=search]",
            "[role=dialog]",
            "[hidden]",
            "[aria-hidden=true]",
            "[style~=(?i)display:\\s*none]");

    private static final Pattern UNLIKELY = Pattern.compile(
            "-ad-|\\bad-|\\bads?\\b|advert|banner|breadcrumb|combx|comment|community|cookie|consent|gdpr"
                    + "|disqus|footer|header|legends|menu|related|remark|replies|rss|share|sharing|shoutbox"
                    + "|sidebar|skyscraper|social|sponsor|promo|newsletter|subscribe|signup|popup|modal"
                    + "|pagination|pager|outbrain|taboola|skip-link|masthead|toolbar|recommend",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MAYBE_CONTENT =
            Pattern.compile("article|body|column|content|main|shadow|story|entry", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NEVER_REMOVED_BY_HINT = Set.of("html", "body", "main", "article", "a");
    private static final String CONTENT_ROOTS = "main, [role=main], article, [itemprop=articleBody]";
    private static final int MIN_ROOT_CHARS = 140;

    private final int maxChars;

    HtmlBlockExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    ParsedContent extract(String html, String baseUri) {
        Document document = Jsoup.parse(html, baseUri);
        BlockCollector.checkCancelled();
        String title = title(document);
        document.select(CHROME).remove();
        removeSiteHeaders(document);
        BlockCollector.checkCancelled();
        Element root = contentRoot(document);
        removeUnlikelyContainers(root);
        BlockCollector.checkCancelled();
        BlockCollector collector = new BlockCollector(maxChars, false);
        NodeTraversor.traverse(new Walker(collector), root);
        return new ParsedContent(title, collector.finish(), 0, Map.of());
    }

    private static String title(Document document) {
        Element ogTitle = document.selectFirst("meta[property=og:title][content]");
        if (ogTitle != null && !ogTitle.attr("content").isBlank()) {
            return ogTitle.attr("content");
        }
        if (!document.title().isBlank()) {
            return document.title();
        }
        Element h1 = document.selectFirst("h1");
        return h1 != null && !h1.text().isBlank() ? h1.text() : null;
    }

    /** A header is chrome when it is a banner or holds navigation, or stands outside the content without a title. */
    private static void removeSiteHeaders(Document document) {
        for (Element header : document.select("header")) {
            boolean insideContent = header.closest("main, article, [role=main]") != null;
            boolean holdsTitle = header.selectFirst("h1, h2") != null;
            if (header.selectFirst("nav") != null || !insideContent && !holdsTitle) {
                header.remove();
            }
        }
    }

    private static Element contentRoot(Document document) {
        Element body = document.body();
        Element main = document.selectFirst("main, [role=main]");
        if (main != null && main.text().length() >= MIN_ROOT_CHARS) {
            return main;
        }
        List<Element> outermost = outermostArticles(body);
        if (outermost.isEmpty()) {
            return body;
        }
        Element largest = outermost.stream()
                .max(Comparator.comparingInt(a -> a.text().length()))
                .orElseThrow();
        int largestChars = largest.text().length();
        int allChars = outermost.stream().mapToInt(a -> a.text().length()).sum();
        // Several articles of similar size: a list page (a blog's front page), keep them all.
        if (largestChars < MIN_ROOT_CHARS || allChars > 2 * largestChars) {
            return body;
        }
        return largest;
    }

    /**
     * Articles without an article ancestor, in one walk that does not enter them. Tested by name and
     * attribute, not with {@code Element.is(query)}, which walks up to the root for every element.
     */
    private static List<Element> outermostArticles(Element root) {
        List<Element> found = new ArrayList<>();
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof Element element
                                && (element.normalName().equals("article")
                                        || element.attr("itemprop").equals("articleBody"))) {
                            found.add(element);
                            return FilterResult.SKIP_CHILDREN;
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                root);
        return found;
    }

    /**
     * One walk that removes hinted containers; a removed subtree is not visited, so nested hints cost
     * nothing. Tables, code and pre are left whole: their class names describe data, not chrome.
     */
    private static void removeUnlikelyContainers(Element root) {
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (!(node instanceof Element element) || element == root) {
                            return FilterResult.CONTINUE;
                        }
                        String name = element.normalName();
                        if (name.equals("table") || name.equals("pre") || name.equals("code")) {
                            return FilterResult.SKIP_CHILDREN;
                        }
                        if (NEVER_REMOVED_BY_HINT.contains(name)
                                || !element.hasAttr("class") && !element.hasAttr("id")) {
                            return FilterResult.CONTINUE;
                        }
                        String hints = (element.className() + " " + element.id()).toLowerCase(Locale.ROOT);
                        if (UNLIKELY.matcher(hints).find()
                                && !MAYBE_CONTENT.matcher(hints).find()
                                && element.selectFirst(CONTENT_ROOTS) == null) {
                            return FilterResult.REMOVE;
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                root);
    }

    private static final class Walker implements NodeVisitor {
        private final BlockCollector collector;

        Walker(BlockCollector collector) {
            this.collector = collector;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                collector.text(text.getWholeText());
            } else if (node instanceof Element element) {
                BlockCollector.checkCancelled();
                String name = element.normalName();
                if (name.equals("td") || name.equals("th")) {
                    collector.openElement(
                            name,
                            TikaBlockHandler.span(element.attr("colspan")),
                            TikaBlockHandler.span(element.attr("rowspan")));
                } else {
                    collector.openElement(name);
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                collector.closeElement(element.normalName());
            }
        }
    }
}
