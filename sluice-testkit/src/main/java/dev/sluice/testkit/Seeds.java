package dev.sluice.testkit;

import java.util.Random;

/**
 * One seed for every randomized test, printed so a failure can be replayed: a test asks
 * {@code Seeds.seed("ChunkerPropertyTest")}, which returns {@code -Dsluice.test.seed=N} when given, else a
 * fresh random seed, and prints {@code ChunkerPropertyTest seed: N (replay with -Dsluice.test.seed=N)}.
 * Put the seed into assertion messages too ({@link #describe}), since output of passing tests is
 * often discarded.
 */
public final class Seeds {
    /** The system property that replays a seed. */
    public static final String PROPERTY = "sluice.test.seed";

    private Seeds() {}

    /** The seed to use in the named test: the replayed one, or a new one; printed either way. */
    public static long seed(String test) {
        String configured = System.getProperty(PROPERTY);
        long seed = configured == null || configured.isBlank()
                ? new Random().nextLong()
                : Long.parseLong(configured.trim());
        System.out.println(test + " seed: " + seed + " (replay with " + replay(seed) + ")");
        return seed;
    }

    /** {@code -Dsluice.test.seed=N}, for messages. */
    public static String replay(long seed) {
        return "-D" + PROPERTY + "=" + seed;
    }

    /** {@code "seed N (replay with -Dsluice.test.seed=N)"}, for assertion descriptions. */
    public static String describe(long seed) {
        return "seed " + seed + " (replay with " + replay(seed) + ")";
    }
}
