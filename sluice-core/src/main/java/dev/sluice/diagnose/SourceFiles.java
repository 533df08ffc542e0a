package dev.sluice.diagnose;

import static dev.sluice.diagnose.Findings.map;
import static dev.sluice.diagnose.Findings.time;

import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.Hashing;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The documents' files at their sources, as the data and staleness layers see them: which folder source
 * holds a document, where its file is, and whether the file changed since the catalog recorded it (size
 * and time, then the content hash when the record has one, so a touched but unchanged file is not stale).
 * Only folder sources are compared; a web source's current version is never fetched by a diagnosis.
 */
final class SourceFiles {
    private final DiagnosisSignals kb;

    SourceFiles(DiagnosisSignals kb) {
        this.kb = kb;
    }

    /**
     * How the document's file at its source compares with the catalog's record.
     *
     * @param changed why it differs, or null when it is the same (or cannot be compared)
     * @param evidence the two versions, or a note when the source is not a folder
     */
    record Change(String changed, Map<String, Object> evidence) {}

    /** How {@code d}'s file at its source compares with the catalog's record of it. */
    Change change(DocumentRecord d) {
        Path file = fileOf(d);
        if (file == null || folder(d.source()) == null) {
            return new Change(
                    null, map("note", "a web source: its current version is not compared (a sync re-fetches it)"));
        }
        long size;
        long modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return new Change(null, map("note", "cannot read " + file + ": " + e.getMessage()));
        }
        Map<String, Object> evidence = map(
                "indexed", map("sizeBytes", d.sizeBytes(), "modified", time(d.modifiedMillis()), "runId", d.runId()),
                "current", map("sizeBytes", size, "modified", time(modified)));
        if (size == d.sizeBytes() && modified == d.modifiedMillis()) {
            return new Change(null, evidence);
        }
        String version = d.sourceVersion();
        if (version != null && version.startsWith("sha256:")) {
            try {
                if (version.startsWith("sha256:" + Hashing.sha256Hex(file))) {
                    evidence.put("note", "touched, same content");
                    return new Change(null, evidence);
                }
            } catch (IOException e) {
                // compared by size and time only
            }
        }
        return new Change(
                size != d.sizeBytes()
                        ? "size " + d.sizeBytes() + " -> " + size + " bytes"
                        : "modified " + time(modified),
                evidence);
    }

    /** The folder source of this name, or null when the source is not a folder (or unknown). */
    DirectorySource folder(String name) {
        for (Source s : kb.sources()) {
            if (s.name().equals(name) && s instanceof DirectorySource folder) {
                return folder;
            }
        }
        return null;
    }

    /** The file of a document read from a folder, or null for another URI. */
    static Path fileOf(DocumentRecord d) {
        if (!d.uri().startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(d.uri()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The file's modification time, or 0 when it cannot be read. */
    static long modifiedMillis(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
