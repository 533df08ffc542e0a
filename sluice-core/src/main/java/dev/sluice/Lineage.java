package dev.sluice;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import java.nio.file.Path;
import java.util.List;

/**
 * A chunk's or document's lineage ({@link KnowledgeBase#lineage}).
 *
 * @param chunk the chunk asked about, or null when a document was named
 * @param document its document
 * @param chunkIds the document's chunks in order, when a document was named (else empty)
 * @param run the run that wrote the chunk or document, or null when it is no longer recorded
 */
public record Lineage(Catalog.ChunkLineage chunk, DocumentRecord document, List<String> chunkIds, RunRecord run) {

    /** Looks {@code ref} up as a chunk id, then a document URI, then a source-relative path. */
    static Lineage of(Catalog c, String ref, Path index) {
        Catalog.ChunkLineage chunk = c.chunk(ref);
        DocumentRecord document;
        if (chunk != null) {
            document = c.document(chunk.documentUri());
        } else {
            document = c.document(ref);
            if (document == null) {
                List<DocumentRecord> byPath = c.documents().values().stream()
                        .filter(d -> d.path().equals(ref))
                        .toList();
                if (byPath.size() > 1) {
                    throw new UsageException("'" + ref + "' is the path of " + byPath.size()
                            + " documents in different sources; give the URI instead");
                }
                document = byPath.isEmpty() ? null : byPath.getFirst();
            }
        }
        if (document == null) {
            throw new SluiceException("no chunk, document URI or path '" + ref + "' in the catalog of " + index);
        }
        List<String> chunkIds = chunk != null
                ? List.of()
                : c.chunks(document.uri()).stream().map(Catalog.ChunkRow::id).toList();
        RunRecord run = c.run(chunk != null ? chunk.runId() : document.runId());
        return new Lineage(chunk, document, chunkIds, run);
    }
}
