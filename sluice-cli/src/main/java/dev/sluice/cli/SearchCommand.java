package dev.sluice.cli;

import dev.sluice.JsonViews;
import dev.sluice.KnowledgeBase;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {"Search the knowledge base and show the best chunks with citations (file, page, heading)."})
final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "QUERY",
            description = "The question or keywords (several words are joined).")
    List<String> words;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "hybrid",
            description = "bm25, dense or hybrid (default ${DEFAULT-VALUE}: both, fused by reciprocal rank).")
    String mode;

    @Option(
            names = {"-k", "--k"},
            paramLabel = "K",
            defaultValue = "5",
            description = "Number of results (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--source",
            paramLabel = "NAME",
            description = "Only this source (the ingested folder's name); repeatable.")
    List<String> sources = new ArrayList<>();

    @Option(
            names = "--path",
            paramLabel = "GLOB",
            description = "Only files whose path matches, e.g. 'docs/**' or '**/*.pdf'.")
    String pathGlob;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "Only this document type (pdf, docx, odt, html, markdown, text...); repeatable.")
    List<String> types = new ArrayList<>();

    @Option(
            names = "--issuer",
            paramLabel = "NAME",
            description = "Only documents of this issuer, as read from their cover or file name (e.g. '3M',"
                    + " 'Lockheed Martin'); repeatable.")
    List<String> issuers = new ArrayList<>();

    @Option(
            names = "--year",
            paramLabel = "YYYY",
            description = "Only documents whose period (fiscal year, quarter) ends in this year.")
    Integer year;

    @Option(
            names = "--meta",
            paramLabel = "FIELD=VALUE",
            description = "Only documents whose field added by a transform has this value (doctype=policy);"
                    + " repeatable: values of one field are alternatives, fields must all match.")
    List<String> meta = new ArrayList<>();

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    @Option(
            names = "--no-rerank",
            description = "Show the search's own order even when retrieval.rerank is enabled (no model call).")
    boolean noRerank;

    @Override
    public Integer call() {
        SearchRequest request;
        try {
            request = new SearchRequest(
                    String.join(" ", words),
                    parseMode(mode),
                    k,
                    new SearchFilters(sources, pathGlob, types)
                            .withDocuments(issuers, year == null ? 0 : year)
                            .withMetadata(SearchFilters.parseMetadata(meta, "--meta")));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            SearchResult result;
            String traceId;
            try (var command = kb.trace("sluice search", Context.root(), SpanKind.INTERNAL)) {
                result = noRerank ? SearchResult.firstStage(kb.search(request)) : kb.searchAsConfigured(request, null);
                traceId = command.traceId();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                java.util.Map<String, Object> body = new java.util.LinkedHashMap<>(JsonViews.search(request, result));
                body.put("traceId", traceId); // sluice traces show TRACE_ID
                out.println(Json.write(body));
            } else {
                SearchTable.print(request, result, out);
            }
            out.flush();
        }
        return SluiceCli.EXIT_OK;
    }

    static SearchMode parseMode(String mode) {
        SearchMode m = SearchMode.fromLabel(mode);
        if (m != null) {
            return m;
        }
        throw new IllegalArgumentException("--mode must be one of bm25, dense, hybrid; got '" + mode + "'");
    }
}
