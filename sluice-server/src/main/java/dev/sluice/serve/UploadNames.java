package dev.sluice.serve;

import dev.sluice.source.DirectorySource;
import java.nio.file.Path;

/**
 * Names for uploaded files and the folders that keep them: what a client sends is a label, never a
 * path. Only the last segment of a name counts, characters outside letters, digits and {@code ._-
 * ()+} become {@code _}, leading dots go (a hidden file would never be ingested), and the result
 * must resolve to a file directly inside its folder. A name longer than {@link #MAX_BYTES} is refused
 * rather than shortened: a shortened name is one the client never chose, and file systems cap a name
 * at 255 bytes, which the access sidecar's suffix must fit beside.
 */
final class UploadNames {
    /** The longest file name, in UTF-8 bytes (as many ASCII characters, fewer in other scripts). */
    static final int MAX_BYTES = 200;

    private UploadNames() {}

    /** A safe file name for what the client called {@code original}; 400 when nothing usable is left. */
    static String fileName(String original) {
        if (original == null || original.isBlank()) {
            throw ApiError.badRequest("every uploaded file needs a file name");
        }
        String last = lastSegment(original);
        int bytes = last.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw ApiError.badRequest("the file name '" + printable(last) + "' is too long: " + bytes
                    + " bytes in UTF-8, and a file name may have at most " + MAX_BYTES
                    + " (as many ASCII characters, fewer in other scripts); rename the file");
        }
        String name = clean(last);
        if (name.isEmpty()) {
            throw ApiError.badRequest("the file name '" + printable(original) + "' has nothing usable once"
                    + " folders, dots and special characters are removed");
        }
        if (name.endsWith(DirectorySource.ACCESS_SIDECAR)) {
            throw ApiError.badRequest(
                    "file names ending in " + DirectorySource.ACCESS_SIDECAR
                            + " are reserved for access lists; give the document's access with the principals and groups fields");
        }
        return name;
    }

    /** A folder name for a principal's uploads (principals are names, not paths). */
    static String folderName(String principal) {
        String name = clean(principal);
        if (name.length() > MAX_BYTES) { // cut as names were before long file names were refused: same folders
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, MAX_BYTES - extension.length()) + extension;
        }
        return name.isEmpty() ? "_" : name;
    }

    /** {@code folder/name}, refusing anything that would land elsewhere. */
    static Path inside(Path folder, String name) {
        Path target = folder.resolve(name).normalize();
        if (!folder.normalize().equals(target.getParent())) {
            throw ApiError.badRequest(
                    "the file name '" + printable(name) + "' does not stay inside the uploads folder");
        }
        return target;
    }

    private static String lastSegment(String original) {
        int slash = Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\'));
        return slash >= 0 ? original.substring(slash + 1) : original;
    }

    private static String clean(String original) {
        String last = lastSegment(original);
        StringBuilder out = new StringBuilder();
        last.codePoints().forEach(c -> {
            boolean keep = Character.isLetterOrDigit(c) || "._-()+ ".indexOf(c) >= 0;
            out.appendCodePoint(keep ? c : '_');
        });
        String name = out.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1).strip();
        }
        return name;
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
