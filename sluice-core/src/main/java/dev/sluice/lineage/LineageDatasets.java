package dev.sluice.lineage;

import dev.sluice.index.IndexFields;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import dev.sluice.source.http.UrlSource;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The datasets of a run, named as the OpenLineage naming conventions say: a folder is namespace {@code file}
 * and its absolute path ({@code file:///docs/handbook}); a web page or sitemap is namespace
 * {@code https://host[:port]} and its path; the index is namespace {@code file} and its folder's path.
 * Each carries a {@code dataSource} facet with the source's name and location, and the index a
 * {@code schema} facet with the fields every chunk has.
 */
final class LineageDatasets {
    /** The chunk fields, as the schema facet lists them: name, type, description. */
    private static final List<String[]> INDEX_FIELDS = List.of(
            new String[] {IndexFields.CHUNK_ID, "string", "the chunk's stable id"},
            new String[] {IndexFields.DOC_URI, "string", "the document's URI"},
            new String[] {IndexFields.SOURCE, "string", "the source's name"},
            new String[] {IndexFields.PATH, "string", "the document's path in its source"},
            new String[] {IndexFields.TYPE, "string", "the document's type (pdf, md, html, ...)"},
            new String[] {IndexFields.TITLE, "string", "the document's title"},
            new String[] {IndexFields.HEADING_PATH, "string", "the headings above the chunk"},
            new String[] {IndexFields.ORDINAL, "int", "the chunk's place in its document"},
            new String[] {IndexFields.PAGE_START, "int", "first page of the chunk"},
            new String[] {IndexFields.PAGE_END, "int", "last page of the chunk"},
            new String[] {IndexFields.START, "int", "offset of the chunk's first character in the document text"},
            new String[] {IndexFields.END, "int", "offset after the chunk's last character"},
            new String[] {IndexFields.TOKENS, "int", "the chunk's length in the embedding model's tokens"},
            new String[] {IndexFields.TEXT, "string", "the chunk's text"},
            new String[] {IndexFields.CONTENT_HASH, "string", "SHA-256 of the chunk's text"},
            new String[] {IndexFields.MODEL_ID, "string", "the embedding model"},
            new String[] {IndexFields.VECTOR, "float[]", "the chunk's embedding"},
            new String[] {IndexFields.METADATA, "string", "fields transforms added (name=value lines)"});

    private final OpenLineage ol;

    LineageDatasets(OpenLineage ol) {
        this.ol = ol;
    }

    /** Each source as one or more input datasets (a web source: one per page or sitemap it names). */
    List<OpenLineage.InputDataset> inputs(List<Source> sources) {
        List<OpenLineage.InputDataset> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Source source : sources) {
            for (String[] ds : datasets(source)) {
                if (seen.add(ds[0] + "\n" + ds[1])) {
                    out.add(ol.newInputDatasetBuilder()
                            .namespace(ds[0])
                            .name(ds[1])
                            .facets(ol.newDatasetFacetsBuilder()
                                    .dataSource(ol.newDatasourceDatasetFacetBuilder()
                                            .name(source.name())
                                            .uri(URI.create(ds[2]))
                                            .build())
                                    .build())
                            .build());
                }
            }
        }
        return out;
    }

    /** Namespace, name and data-source URI of each dataset of {@code source}. */
    private static List<String[]> datasets(Source source) {
        if (source instanceof DirectorySource folder) {
            Path root = folder.root().toAbsolutePath().normalize();
            return List.<String[]>of(
                    new String[] {"file", root.toString(), root.toUri().toString()});
        }
        if (source instanceof UrlSource web) {
            List<String[]> out = new ArrayList<>();
            List<URI> all = new ArrayList<>(web.pages());
            all.addAll(web.sitemaps());
            for (URI uri : all) {
                String namespace = uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                        + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                String name = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
                out.add(new String[] {namespace, name, namespace});
            }
            return out;
        }
        // Another kind of source (a benchmark corpus): named after itself.
        return List.<String[]>of(new String[] {"sluice", source.name(), "sluice:" + source.name()});
    }

    /** The index as the output dataset; {@code rowCount} (chunks written) only when the run published. */
    OpenLineage.OutputDataset output(Path index, String knowledgeBase, Long rowCount) {
        Path folder = index.toAbsolutePath().normalize();
        List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
        for (String[] f : INDEX_FIELDS) {
            fields.add(ol.newSchemaDatasetFacetFieldsBuilder()
                    .name(f[0])
                    .type(f[1])
                    .description(f[2])
                    .build());
        }
        OpenLineage.OutputDatasetBuilder out = ol.newOutputDatasetBuilder()
                .namespace("file")
                .name(folder.toString())
                .facets(ol.newDatasetFacetsBuilder()
                        .dataSource(ol.newDatasourceDatasetFacetBuilder()
                                .name(knowledgeBase)
                                .uri(folder.toUri())
                                .build())
                        .schema(ol.newSchemaDatasetFacetBuilder().fields(fields).build())
                        .build());
        if (rowCount != null) {
            out.outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
                    .outputStatistics(ol.newOutputStatisticsOutputDatasetFacetBuilder()
                            .rowCount(rowCount)
                            .build())
                    .build());
        }
        return out.build();
    }
}
