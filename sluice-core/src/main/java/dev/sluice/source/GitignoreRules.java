package dev.sluice.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The .gitignore files met while walking a folder tree, applied as git does: each file's patterns
 * are relative to its folder, a deeper file overrides a shallower one, and negations ("!keep.md")
 * re-include. Matching is JGit's, the reference Java implementation. Not thread-safe: one per walk.
 */
final class GitignoreRules {
    private record Level(Path dir, IgnoreNode node) {}

    private final Deque<Level> levels = new ArrayDeque<>();

    /** Entering a folder: reads its .gitignore, if any. Pair with {@link #leave()}. */
    void enter(Path dir) {
        IgnoreNode node = null;
        Path file = dir.resolve(".gitignore");
        if (Files.isRegularFile(file)) {
            node = new IgnoreNode();
            try (InputStream in = Files.newInputStream(file)) {
                node.parse(file.toString(), in);
            } catch (IOException e) {
                node = null; // an unreadable .gitignore ignores nothing; the files stay listed
            }
        }
        levels.push(new Level(dir, node));
    }

    void leave() {
        levels.pop();
    }

    /** Whether {@code path} (a file or folder under the current folders) is ignored. */
    boolean ignored(Path path, boolean directory) {
        Iterator<Level> deepestFirst = levels.iterator();
        while (deepestFirst.hasNext()) {
            Level level = deepestFirst.next();
            if (level.node() == null || !path.startsWith(level.dir())) {
                continue;
            }
            String relative = level.dir().relativize(path).toString().replace('\\', '/');
            switch (level.node().isIgnored(relative, directory)) {
                case IGNORED:
                    return true;
                case NOT_IGNORED:
                    return false;
                default:
                    break; // CHECK_PARENT: let a shallower .gitignore decide
            }
        }
        return false;
    }
}
