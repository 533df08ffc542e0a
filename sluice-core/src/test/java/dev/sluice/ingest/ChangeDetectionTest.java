package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.QuarantineReason;
import dev.sluice.source.Listing;
import dev.sluice.source.ListingFailure;
import dev.sluice.source.SourceItem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeDetectionTest {
    private static DocumentRecord indexed(String uri, String source) {
        return new DocumentRecord(
                uri, source, uri, 10, 20, "h", DocumentRecord.INDEXED, null, null, "chunker/1", "m", "v", 1, 1, 1, 1);
    }

    private static SourceItem item(String uri, String source, long size, long modified) {
        return new SourceItem(source, Path.of("/x"), uri, uri, size, modified);
    }

    private static ChangeDetection detection(
            Map<String, DocumentRecord> known, Set<String> inIndex, RunOptions options) {
        return new ChangeDetection(known, inIndex, "chunker/1", "m", "v", options);
    }

    @Test
    void should_call_a_file_unchanged_only_with_the_same_signal_chunker_and_model() {
        Map<String, DocumentRecord> known = Map.of("a", indexed("a", "s"));
        ChangeDetection same = detection(known, Set.of("a"), RunOptions.DEFAULTS);
        assertThat(same.unchanged(item("a", "s", 10, 20))).isTrue();
        assertThat(same.unchanged(item("a", "s", 11, 20))).isFalse();
        assertThat(same.unchanged(item("a", "s", 10, 21))).isFalse();
        assertThat(same.unchanged(item("new", "s", 10, 20))).isFalse();
        ChangeDetection otherChunker =
                new ChangeDetection(known, Set.of("a"), "chunker/2", "m", "v", RunOptions.DEFAULTS);
        assertThat(otherChunker.unchanged(item("a", "s", 10, 20))).isFalse();
    }

    @Test
    void should_reprocess_what_the_index_lost_and_remove_what_the_catalog_does_not_know() {
        ChangeDetection d = detection(Map.of("a", indexed("a", "s")), Set.of("orphan"), RunOptions.DEFAULTS);
        assertThat(d.orphans()).containsExactly("orphan");
        assertThat(d.unchanged(item("a", "s", 10, 20)))
                .as("catalog says indexed, index lacks it")
                .isFalse();
    }

    @Test
    void should_find_gone_documents_but_spare_unlisted_folders_and_other_sources() {
        Map<String, DocumentRecord> known = Map.of(
                "file:/s/a", indexed("file:/s/a", "s"),
                "file:/s/team/b", indexed("file:/s/team/b", "s"),
                "file:/s/c", indexed("file:/s/c", "s"),
                "file:/t/d", indexed("file:/t/d", "t"));
        Listing listing = new Listing(
                List.of("s"),
                List.of(item("file:/s/a", "s", 10, 20)),
                List.of(new ListingFailure("s", "file:/s/team/", "team", QuarantineReason.UNREADABLE, "denied")),
                0,
                0);
        ChangeDetection keep = detection(known, known.keySet(), RunOptions.DEFAULTS);
        assertThat(keep.gone(listing)).extracting(DocumentRecord::uri).containsExactly("file:/s/c");
        ChangeDetection prune = detection(known, known.keySet(), new RunOptions(false, true));
        assertThat(prune.gone(listing))
                .extracting(DocumentRecord::uri)
                .containsExactlyInAnyOrder("file:/s/c", "file:/t/d");
    }
}
