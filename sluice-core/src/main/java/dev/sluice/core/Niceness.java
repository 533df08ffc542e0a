package dev.sluice.core;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * The operating system's priority ("nice value") of the calling thread, so that background work
 * such as an ingestion run yields the CPU to searches without giving up an idle machine.
 *
 * <p>Why the OS and not Java: embedding is native code in ONNX Runtime that runs on the calling
 * thread, for tens of milliseconds per chunk; Java's own thread priorities are ignored on Linux, and
 * a search thread cannot preempt it any other way. Linux keeps a nice value per thread (POSIX says
 * per process; Linux's threads each have their own), and a thread inherits its creator's, so a run
 * started on a lowered thread lowers every pool thread, Tika parse thread and Lucene merge thread it
 * starts. The scheduler then gives a thread at nice 10 about a tenth of the CPU of one at 0 while
 * both want it, and everything when the other does not.
 *
 * <p>Why threads and not a worker process at low priority: the priority is what does the work, and a
 * thread has its own; a process would add a second JVM and model in memory, and a channel for the
 * index writer, the catalog and the run's report, for no scheduling gain. An embedding concurrency
 * that waits for searches to finish was the other candidate: it cannot interrupt a chunk already in
 * the model, and it guesses what the scheduler knows.
 *
 * <p>Limits: only Linux (elsewhere {@link #lowerCurrentThread} does nothing and says so); a nice
 * value only orders threads that compete in one scheduling group, so a process in another cgroup
 * (another systemd service) or another session with autogroup scheduling is not affected by it; and
 * a thread can lower its priority but, unprivileged, never raise it back, so lower only threads made
 * for the work.
 */
public final class Niceness {
    /** The lowest nice value Linux has. */
    public static final int LOWEST = 19;

    /**
     * One step below {@link #LOWEST}: the thread also leaves the normal scheduling class for Linux's
     * {@code SCHED_IDLE}, which runs only when no normal thread wants the CPU and gives way at once
     * when one wakes up (a thread at nice 19 still gets about 1.5% of a busy CPU, in slices).
     */
    public static final int IDLE = 20;

    private static final int SCHED_IDLE = 5;

    private static final int PRIO_PROCESS = 0;
    private static final Native NATIVE = Native.load().orElse(null);

    private Niceness() {}

    /** Whether this platform lets a thread lower its own priority (Linux with its C library found). */
    public static boolean supported() {
        return NATIVE != null;
    }

    /**
     * Lowers the calling thread's priority by {@code steps} below its current nice value (at most to
     * {@value #LOWEST}), as {@code nice -n steps} does for a process; {@value #IDLE} also moves it to
     * the idle scheduling class.
     *
     * @return the nice value the thread now has, or empty where that is not supported or failed
     */
    public static Optional<Integer> lowerCurrentThread(int steps) {
        Checks.inRange("niceness", steps, 0, IDLE);
        if (NATIVE == null) {
            return Optional.empty();
        }
        try {
            int now = NATIVE.current();
            if (steps == 0) {
                return Optional.of(now);
            }
            int target = Math.min(LOWEST, now + steps);
            if (!NATIVE.set(target)) {
                return Optional.empty();
            }
            if (steps == IDLE && !NATIVE.idle()) {
                return Optional.empty();
            }
            return Optional.of(target);
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /** Whether the calling thread is in the idle scheduling class (false where that cannot be read). */
    public static boolean currentThreadIsIdle() {
        if (NATIVE == null) {
            return false;
        }
        try {
            return NATIVE.policy() == SCHED_IDLE;
        } catch (Throwable e) {
            return false;
        }
    }

    /** The calling thread's nice value, or empty where it cannot be read. */
    public static Optional<Integer> ofCurrentThread() {
        if (NATIVE == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(NATIVE.current());
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /** libc's {@code gettid}, {@code getpriority} and {@code setpriority}, through the FFM API. */
    private record Native(
            MethodHandle gettid,
            MethodHandle getpriority,
            MethodHandle setpriority,
            MethodHandle setscheduler,
            MethodHandle getscheduler) {
        @SuppressWarnings("restricted") // three libc calls with fixed signatures; nothing is read from memory
        static Optional<Native> load() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return Optional.empty();
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                MethodHandle gettid = linker.downcallHandle(
                        libc.find("gettid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
                MethodHandle get = linker.downcallHandle(
                        libc.find("getpriority").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                MethodHandle set = linker.downcallHandle(
                        libc.find("setpriority").orElseThrow(),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT));
                MethodHandle setScheduler = linker.downcallHandle(
                        libc.find("sched_setscheduler").orElseThrow(),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
                MethodHandle getScheduler = linker.downcallHandle(
                        libc.find("sched_getscheduler").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                return Optional.of(new Native(gettid, get, set, setScheduler, getScheduler));
            } catch (RuntimeException | LinkageError e) {
                return Optional.empty(); // no C library found, or native access refused: run at normal priority
            }
        }

        /**
         * The thread's nice value. getpriority returns -1 both as a value and as its error, but its
         * errors (no such thread, bad argument) cannot happen for the calling thread's own id.
         */
        int current() throws Throwable {
            int tid = (int) gettid.invokeExact();
            return (int) getpriority.invokeExact(PRIO_PROCESS, tid);
        }

        boolean set(int nice) throws Throwable {
            int tid = (int) gettid.invokeExact();
            return (int) setpriority.invokeExact(PRIO_PROCESS, tid, nice) == 0;
        }

        /** Moves the calling thread to SCHED_IDLE ({@code struct sched_param} is one int, 0 here). */
        boolean idle() throws Throwable {
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                java.lang.foreign.MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);
                param.set(ValueLayout.JAVA_INT, 0, 0);
                int tid = (int) gettid.invokeExact();
                return (int) setscheduler.invokeExact(tid, SCHED_IDLE, param) == 0;
            }
        }

        int policy() throws Throwable {
            int tid = (int) gettid.invokeExact();
            return (int) getscheduler.invokeExact(tid);
        }
    }
}
