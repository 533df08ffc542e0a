package dev.sluice.ingest;

import dev.sluice.source.DirectorySource;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder or file once ingested by name on the command line ({@code sluice ingest DIR}), as the
 * catalog remembers it, so that a later {@code sluice sync} without a sluice.yaml can run it again.
 *
 * @param name the source's name (the folder's own name)
 * @param root the absolute folder or file
 * @param include the {@code --include} globs of that run
 * @param exclude the {@code --exclude} globs of that run
 * @param gitignore whether that run left out what .gitignore files ignore
 */
public record AdHocSource(String name, Path root, List<String> include, List<String> exclude, boolean gitignore) {
    public AdHocSource {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The source to list again. */
    public DirectorySource source() {
        return new DirectorySource(name, root, include, exclude, gitignore);
    }
}
