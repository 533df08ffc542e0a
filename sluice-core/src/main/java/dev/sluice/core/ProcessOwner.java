package dev.sluice.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that wrote a row which stays open while it works (a run marked running, a budget
 * reservation), so that another process can tell a row whose owner is gone from one still in use.
 *
 * <p>A row's owner is gone when it ran on this host (same host name and, on Linux, the same pid
 * namespace) and no process with its pid is alive now, or the process with that pid started at another
 * time (the pid was reused). A process on another host cannot be seen from here: it is never taken
 * for gone, and rows of such a process need another rule (an expiry time).
 *
 * @param host the host name, followed on Linux by the pid namespace ({@code build-7 pid:[4026531836]})
 * @param pid the process id
 * @param startedMillis when the process started, or 0 when the platform does not say
 */
public record ProcessOwner(String host, long pid, long startedMillis) {
    /** Start times read twice may differ by rounding; a reused pid starts much later than this. */
    private static final long START_TOLERANCE_MILLIS = 1_000;

    private static final ProcessOwner CURRENT =
            new ProcessOwner(localHost(), ProcessHandle.current().pid(), startMillis(ProcessHandle.current()));

    public ProcessOwner {
        Checks.notNull("ProcessOwner.host", host);
        Checks.positive("ProcessOwner.pid", pid);
    }

    /** This process. */
    public static ProcessOwner current() {
        return CURRENT;
    }

    /** Whether this is the current process. */
    public boolean isCurrent() {
        return equals(CURRENT);
    }

    /**
     * True only when the owner is certainly not running: it ran on this host and its pid is dead or
     * now belongs to a process that started at another time. False for a live owner and for an owner
     * on another host.
     */
    public boolean gone() {
        if (!host.equals(CURRENT.host)) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        long started = startMillis(handle.get());
        return startedMillis != 0 && started != 0 && Math.abs(started - startedMillis) > START_TOLERANCE_MILLIS;
    }

    /** "pid 4242 on build-7", for messages. */
    public String describe() {
        return "pid " + pid + " on " + host;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * The host name without a DNS lookup where the system gives it (Linux), then the JDK's; on Linux
     * with the pid namespace, as two containers may share a host name but never their pids.
     */
    private static String localHost() {
        String name = read(Path.of("/proc/sys/kernel/hostname"));
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "unknown-host";
            }
        }
        try {
            Path namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
            return name.strip() + " " + namespace;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return name.strip();
        }
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
