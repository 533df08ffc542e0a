package dev.sluice.source;

import dev.sluice.core.QuarantineReason;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * A local folder, or a single file, as a source. Walks symbolic links (a loop becomes a quarantine
 * record, not a hang), skips hidden files and folders (names starting with '.'), applies include
 * and exclude globs to the path relative to the root ({@code **}{@code /*.pdf}), and lists in a
 * stable order.
 *
 * <p>A document may carry its own access list in a sidecar file beside it, {@code <name>}{@code
 * .access.json}: {@code {"principals": ["ana"], "groups": ["hr"]}}. It replaces the source's list
 * for that document; sidecars are never documents themselves. A sidecar that cannot be read or is
 * not valid quarantines its document (never opens it to everyone).
 */
public final class DirectorySource implements Source {
    private final String name;
    private final Path root;
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;
    private final boolean gitignore;
    private final boolean verifyContent;
    private final dev.sluice.core.AccessList access;

    /** The suffix of a document's access sidecar: {@code report.pdf.access.json}. */
    public static final String ACCESS_SIDECAR = ".access.json";

    public DirectorySource(String name, Path root, List<String> includeGlobs, List<String> excludeGlobs) {
        this(name, root, includeGlobs, excludeGlobs, false);
    }

    /**
     * @param gitignore also leave out what the .gitignore files in the tree ignore (counted with the
     *     files the globs leave out)
     */
    public DirectorySource(
            String name, Path root, List<String> includeGlobs, List<String> excludeGlobs, boolean gitignore) {
        this(
                name,
                root,
                matchers(includeGlobs),
                matchers(excludeGlobs),
                gitignore,
                false,
                dev.sluice.core.AccessList.PUBLIC);
    }

    private DirectorySource(
            String name,
            Path root,
            List<PathMatcher> includes,
            List<PathMatcher> excludes,
            boolean gitignore,
            boolean verifyContent,
            dev.sluice.core.AccessList access) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.gitignore = gitignore;
        this.verifyContent = verifyContent;
        this.access = access;
    }

    /**
     * This source, also hashing every file's content when listing, so that a change that keeps size
     * and modification time (a copy with preserved times, a coarse file-system clock) is still seen.
     * Costs one read of every file per run; documents processed without hashes are processed once
     * more the first time.
     */
    public DirectorySource withContentHashes() {
        return new DirectorySource(name, root, includes, excludes, gitignore, true, access);
    }

    /** This source, its documents readable only by these principals and groups. */
    public DirectorySource withAccess(dev.sluice.core.AccessList readers) {
        return new DirectorySource(name, root, includes, excludes, gitignore, verifyContent, readers);
    }

    @Override
    public dev.sluice.core.AccessList access() {
        return access;
    }

    /** A source named after the folder (or file) itself. */
    public static DirectorySource of(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        Path fileName = abs.getFileName();
        return new DirectorySource(fileName == null ? "root" : fileName.toString(), abs, List.of(), List.of());
    }

    @Override
    public String name() {
        return name;
    }

    public Path root() {
        return root;
    }

    /**
     * Compiles globs. A leading {@code **}{@code /} also matches files at the top of the source, as
     * in search's {@code --path} and in .gitignore (Java's own glob syntax would require a folder).
     */
    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> out = new ArrayList<>();
        for (String glob : globs) {
            try {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
                if (glob.startsWith("**/")) {
                    out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("glob '" + glob + "' is not valid: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Lists the files under the root; local files need nothing of the context. */
    @Override
    public Listing list(ListContext context) {
        return list();
    }

    /** Lists the files under the root. Fails only when the root itself is missing. */
    public Listing list() {
        if (!Files.exists(root)) {
            throw new SluiceException("source '" + name + "': " + root + " does not exist");
        }
        Collected collected = new Collected();
        List<SourceItem> items = collected.items;
        List<ListingFailure> failures = collected.failures;
        if (Files.isRegularFile(root)) {
            Path base = root.getParent() == null ? root : root.getParent();
            consider(root, base, collected);
            return collected.toListing(name);
        }
        GitignoreRules rules = gitignore ? new GitignoreRules() : null;
        try {
            Files.walkFileTree(
                    root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            boolean hidden = !dir.equals(root)
                                    && dir.getFileName().toString().startsWith(".");
                            if (hidden) {
                                collected.hidden++;
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (rules != null) {
                                if (!dir.equals(root) && rules.ignored(dir, true)) {
                                    collected.byGlobs++;
                                    return FileVisitResult.SKIP_SUBTREE;
                                }
                                rules.enter(dir);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                            if (rules != null) {
                                rules.leave();
                            }
                            if (e != null) {
                                // Listing stopped part-way: the folder's unlisted files are not gone.
                                String rel = relative(dir, root);
                                failures.add(new ListingFailure(
                                        name,
                                        dir.toUri().toString(),
                                        rel.isEmpty() ? "." : rel,
                                        QuarantineReason.UNREADABLE,
                                        "folder could not be listed completely: " + e.getMessage()));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && rules != null && rules.ignored(file, false)) {
                                collected.byGlobs++;
                            } else if (attrs.isRegularFile()) {
                                consider(file, root, collected);
                            } else if (attrs.isOther()) {
                                String rel = relative(file, root);
                                failures.add(new ListingFailure(
                                        name,
                                        file.toUri().toString(),
                                        rel,
                                        QuarantineReason.UNSUPPORTED_TYPE,
                                        "not a regular file (a named pipe, socket or device)"));
                            } else if (attrs.isSymbolicLink()) {
                                // Following links, the walker only reports a link itself when its target is missing.
                                String rel = relative(file, root);
                                failures.add(new ListingFailure(
                                        name,
                                        file.toUri().toString(),
                                        rel,
                                        QuarantineReason.UNREADABLE,
                                        "broken symbolic link"));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            String uri = file.toUri().toString();
                            String rel = relative(file, root);
                            if (e instanceof FileSystemLoopException) {
                                failures.add(new ListingFailure(
                                        name,
                                        uri,
                                        rel,
                                        QuarantineReason.SYMLINK_LOOP,
                                        "symbolic link loops back to an enclosing folder"));
                            } else if (e instanceof AccessDeniedException) {
                                failures.add(new ListingFailure(
                                        name, uri, rel, QuarantineReason.UNREADABLE, "permission denied"));
                            } else if (e instanceof NoSuchFileException) {
                                failures.add(new ListingFailure(
                                        name,
                                        uri,
                                        rel,
                                        QuarantineReason.UNREADABLE,
                                        "broken symbolic link, or vanished while listing"));
                            } else {
                                failures.add(new ListingFailure(
                                        name, uri, rel, QuarantineReason.UNREADABLE, "cannot read: " + e.getMessage()));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new SluiceException("source '" + name + "': cannot list " + root + ": " + e.getMessage(), e);
        }
        items.sort(Comparator.comparing(SourceItem::relativePath));
        failures.sort(Comparator.comparing(ListingFailure::path));
        return collected.toListing(name);
    }

    /**
     * Why a listing of this source leaves out {@code file}, which lies under its root: {@code hidden}
     * (a name on its path starts with '.'), {@code access sidecar}, {@code include globs} (none matches),
     * {@code exclude globs} (one matches) or {@code .gitignore}; null when a listing would offer it (or
     * it is not under the root). Decided as {@link #list()} decides, without walking the tree.
     */
    public String leftOutBecause(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(root) || abs.equals(root) && !Files.isRegularFile(root)) {
            return null;
        }
        Path base = Files.isRegularFile(root) ? (root.getParent() == null ? root : root.getParent()) : root;
        Path relPath = base.relativize(abs);
        for (Path part : relPath) {
            if (part.toString().startsWith(".")) {
                return "hidden";
            }
        }
        if (abs.getFileName().toString().endsWith(ACCESS_SIDECAR)) {
            return "access sidecar";
        }
        Path rel = Path.of(relative(abs, base));
        if (!includes.isEmpty() && includes.stream().noneMatch(m -> m.matches(rel))) {
            return "include globs";
        }
        if (excludes.stream().anyMatch(m -> m.matches(rel))) {
            return "exclude globs";
        }
        if (gitignore && !abs.equals(root)) {
            GitignoreRules rules = new GitignoreRules();
            Path dir = root;
            rules.enter(dir);
            Path folders = abs.getParent().equals(root) ? null : root.relativize(abs.getParent());
            for (Path part : folders == null ? List.<Path>of() : folders) {
                dir = dir.resolve(part);
                if (rules.ignored(dir, true)) {
                    return ".gitignore";
                }
                rules.enter(dir);
            }
            if (rules.ignored(abs, false)) {
                return ".gitignore";
            }
        }
        return null;
    }

    /** What one walk gathers. */
    private static final class Collected {
        final List<SourceItem> items = new ArrayList<>();
        final List<ListingFailure> failures = new ArrayList<>();
        int hidden;
        int byGlobs;

        Listing toListing(String sourceName) {
            return new Listing(List.of(sourceName), items, failures, hidden, byGlobs);
        }
    }

    private void consider(Path file, Path base, Collected collected) {
        List<SourceItem> items = collected.items;
        List<ListingFailure> failures = collected.failures;
        String rel = relative(file, base);
        if (file.getFileName().toString().startsWith(".")) {
            collected.hidden++;
            return;
        }
        if (file.getFileName().toString().endsWith(ACCESS_SIDECAR)) {
            return; // read with the document it belongs to
        }
        Path relPath = Path.of(rel);
        boolean included = includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(relPath));
        if (!included || excludes.stream().anyMatch(m -> m.matches(relPath))) {
            collected.byGlobs++;
            return;
        }
        dev.sluice.core.AccessList own;
        try {
            own = sidecarAccess(file);
        } catch (SluiceException e) {
            failures.add(new ListingFailure(
                    name, file.toUri().toString(), rel, QuarantineReason.BAD_ACCESS_LIST, e.getMessage()));
            return;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            items.add(new SourceItem(
                    name,
                    file,
                    file.toUri().toString(),
                    rel,
                    attrs.size(),
                    attrs.lastModifiedTime().toMillis(),
                    verifyContent ? SourceItem.version(sha256(file), null) : null,
                    own));
        } catch (IOException e) {
            failures.add(new ListingFailure(
                    name, file.toUri().toString(), rel, QuarantineReason.UNREADABLE, "cannot read: " + e.getMessage()));
        }
    }

    /** The access list of the document's sidecar, or null when it has none. */
    static dev.sluice.core.AccessList sidecarAccess(Path document) {
        Path sidecar = document.resolveSibling(document.getFileName() + ACCESS_SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = SIDECAR_JSON.readTree(sidecar.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SluiceException(sidecar.getFileName() + ": not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new SluiceException(sidecar.getFileName() + ": cannot read: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new SluiceException(sidecar.getFileName()
                    + ": must be an object such as {\"principals\": [\"ana\"], \"groups\": [\"hr\"]}");
        }
        List<String> principals = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (var field : json.properties()) {
            List<String> into = switch (field.getKey()) {
                case "principals" -> principals;
                case "groups" -> groups;
                default ->
                    throw new SluiceException(sidecar.getFileName() + ": unknown key '" + field.getKey()
                            + "' (expected principals, groups)");
            };
            if (!field.getValue().isArray()) {
                throw new SluiceException(sidecar.getFileName() + ": " + field.getKey() + " must be a list of names");
            }
            for (var name : field.getValue()) {
                if (!name.isTextual() || name.asText().isBlank()) {
                    throw new SluiceException(
                            sidecar.getFileName() + ": " + field.getKey() + " must hold non-empty names, got " + name);
                }
                into.add(name.asText().strip());
            }
        }
        if (principals.isEmpty() && groups.isEmpty()) {
            throw new SluiceException(sidecar.getFileName()
                    + ": names no principal and no group; delete the sidecar to use the source's list");
        }
        return new dev.sluice.core.AccessList(principals, groups);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SIDECAR_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static String sha256(Path file) throws IOException {
        return dev.sluice.core.Hashing.sha256Hex(file);
    }

    private static String relative(Path file, Path base) {
        return base.relativize(file).toString().replace('\\', '/');
    }
}
