package dev.sluice.core;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Who may read a document: named principals and groups. An empty list on both sides means the
 * document is open to every caller allowed to query. Stored in the index as tokens ({@code public},
 * {@code p:<principal>}, {@code g:<group>}) that a caller's own tokens must meet inside the query.
 *
 * @param principals principals allowed to read
 * @param groups groups whose members may read
 */
public record AccessList(List<String> principals, List<String> groups) {
    /** Readable by every caller. */
    public static final AccessList PUBLIC = new AccessList(List.of(), List.of());

    private static final String OPEN = "public";

    public AccessList {
        principals = List.copyOf(new TreeSet<>(principals));
        groups = List.copyOf(new TreeSet<>(groups));
        for (String name : principals) {
            Checks.notNull("access.principals", name);
        }
    }

    public boolean open() {
        return principals.isEmpty() && groups.isEmpty();
    }

    /** The index tokens of a document with this list. */
    public List<String> tokens() {
        if (open()) {
            return List.of(OPEN);
        }
        List<String> out = new ArrayList<>();
        principals.forEach(p -> out.add("p:" + p));
        groups.forEach(g -> out.add("g:" + g));
        return out;
    }

    /** A stable text form, for the catalog: "public", or the tokens sorted and comma-joined. */
    public String fingerprint() {
        return String.join(",", tokens());
    }

    /**
     * A fingerprint no caller matches: a document whose own list could not be read is hidden from
     * everyone, its name included.
     */
    public static final String NOBODY = "nobody";

    /**
     * Whether a caller with these tokens ({@link #callerTokens}) may learn of a document whose
     * catalog record holds this {@link #fingerprint()}. Null (records older than access control)
     * reads as open, as the index does.
     */
    public static boolean readable(String fingerprint, java.util.Collection<String> callerTokens) {
        if (fingerprint == null) {
            return true;
        }
        for (String token : fingerprint.split(",")) {
            if (callerTokens.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /** The tokens a caller matches: open documents, its own name, its groups. */
    public static List<String> callerTokens(String principal, List<String> groups) {
        List<String> out = new ArrayList<>();
        out.add(OPEN);
        out.add("p:" + principal);
        groups.forEach(g -> out.add("g:" + g));
        return out;
    }
}
