package dev.sluice.source;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells when something under some folders changed: file-system events where the platform has them
 * (folders created later are watched too), polling otherwise. Changes are debounced: a burst of
 * writes (an editor saving, a copy of many files) is reported once, after a short quiet period.
 */
public final class FolderWatcher implements AutoCloseable {
    /** Quiet time after the last event before a change is reported. */
    static final long DEBOUNCE_MILLIS = 300;
    /** Longest a burst may hold a change back: a file written without pause still gets synced. */
    static final long MAX_DEBOUNCE_MILLIS = 5_000;

    private final long pollMillis;
    private final WatchService service; // null when polling
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private long lastPollMillis = System.currentTimeMillis();

    /**
     * @param roots folders (or files, whose folder is watched) to watch
     * @param pollMillis how often to report a change when events are not available
     */
    public FolderWatcher(List<Path> roots, long pollMillis) {
        this(roots, pollMillis, true);
    }

    /**
     * @param useEvents false to poll even where events exist: network file systems (NFS, SMB) often
     *     deliver no events for changes made by other machines
     */
    public FolderWatcher(List<Path> roots, long pollMillis, boolean useEvents) {
        this.pollMillis = pollMillis;
        WatchService opened;
        if (!useEvents) {
            this.service = null;
            return;
        }
        try {
            opened = FileSystems.getDefault().newWatchService();
            for (Path root : roots) {
                Path folder =
                        Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
                if (folder != null && Files.isDirectory(folder)) {
                    registerTree(opened, folder);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Too many folders for the platform's watch limit, or no events at all: poll instead.
            opened = null;
        }
        this.service = opened;
    }

    /** Whether changes come from file-system events (true) or polling (false). */
    public boolean usesEvents() {
        return service != null;
    }

    private void registerTree(WatchService watchService, Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(folder) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                keys.put(
                        dir.register(
                                watchService,
                                StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_DELETE,
                                StandardWatchEventKinds.ENTRY_MODIFY),
                        dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Waits up to {@code timeoutMillis} for a change; true when something changed (after the burst
     * settled), or, when polling, when the poll interval has passed.
     */
    public boolean awaitChange(long timeoutMillis) {
        try {
            if (service == null) {
                long wait = lastPollMillis + pollMillis - System.currentTimeMillis();
                if (wait > timeoutMillis) {
                    Thread.sleep(timeoutMillis);
                    return false;
                }
                Thread.sleep(Math.max(0, wait));
                lastPollMillis = System.currentTimeMillis();
                return true;
            }
            WatchKey key = service.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (key == null) {
                return false;
            }
            // Drain the burst: keep taking events until none arrives for the debounce period, or the
            // burst has lasted too long (a log written continuously must not hold syncs back forever).
            long burstStart = System.nanoTime();
            while (key != null) {
                handle(key);
                if (System.nanoTime() - burstStart > MAX_DEBOUNCE_MILLIS * 1_000_000) {
                    break;
                }
                key = service.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ClosedWatchServiceException e) {
            return false;
        }
    }

    private void handle(WatchKey key) {
        Path dir = keys.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (dir != null && event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                Path created = dir.resolve((Path) event.context());
                if (Files.isDirectory(created)) {
                    try {
                        registerTree(service, created);
                    } catch (IOException e) {
                        // the next listing still finds its files; only its later events are missed
                    }
                }
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // closing a watch service frees kernel watches; nothing to recover
            }
        }
    }
}
