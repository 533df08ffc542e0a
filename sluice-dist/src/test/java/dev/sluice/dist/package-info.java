/**
 * Smoke tests of what a user downloads instead of building: the distribution archive ({@code -Pdist}) and
 * the OCI image tarball ({@code -Pimage}), both made by sluice-dist's pom (docs/install.md).
 *
 * <p>Each test unpacks the real artifact into a temporary folder with the system's {@code tar} and runs
 * it: {@link dev.sluice.dist.DistArchiveIT} starts {@code bin/sluice} with an empty HOME and working folder
 * and no JAVA_HOME ({@code --version}, an ingest of a two-file folder, a search);
 * {@link dev.sluice.dist.ImageTarballIT} reads the OCI index, manifest and config (entrypoint, user,
 * port, volume), unpacks the layers into one root and runs the entrypoint's java through the image's own
 * dynamic loader and C libraries (no chroot, no root, no Docker), which proves that the runtime, the jars
 * and the Debian libraries of a scratch-based image fit together.
 *
 * <p>Trap: the artifacts exist only when their profile ran in the same build; failsafe receives their
 * paths from the profiles ({@code sluice.dist.archive}, {@code sluice.image.tarball}), empty otherwise,
 * and the tests then skip saying which command runs them. A stale file in target/ is never tested.
 */
package dev.sluice.dist;
