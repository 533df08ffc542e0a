/**
 * Sources: where documents come from. {@link dev.sluice.source.DirectorySource} lists a local folder
 * or file; every listed entry becomes either a {@link dev.sluice.source.SourceItem} or an
 * {@link dev.sluice.source.ListingFailure} (symlink loop, permission denied), so nothing a folder holds
 * is skipped without a record, except hidden files and files outside the include globs.
 */
package dev.sluice.source;
