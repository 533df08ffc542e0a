package dev.sluice.review;

import dev.sluice.core.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a review item was closed. A person picks one of {@link #choices()}; Sluice alone sets {@link #SOURCE_CHANGED}. */
public enum Resolution {
    /** The left side is right; the right side's document should be fixed. */
    KEEP_LEFT("keep-left"),
    /** The right side is right; the left side's document should be fixed. */
    KEEP_RIGHT("keep-right"),
    /** Both hold (different cases, periods or scopes the detector could not tell apart). */
    BOTH_VALID("both-valid"),
    /** The two sentences do not speak of the same thing: a false alarm. */
    NOT_A_CONFLICT("not-a-conflict"),
    /** A side's document was deleted, or changed so that the sentence is gone. */
    SOURCE_CHANGED("source-changed");

    private final String label;

    Resolution(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** What a person may choose. */
    public static List<Resolution> choices() {
        return List.of(KEEP_LEFT, KEEP_RIGHT, BOTH_VALID, NOT_A_CONFLICT);
    }

    /** The resolution a stored label names, or null (an unknown label, written by a newer Sluice). */
    public static Resolution ofLabel(String label) {
        return Arrays.stream(values())
                .filter(r -> r.label.equals(label))
                .findFirst()
                .orElse(null);
    }

    /**
     * The choice a person named ({@code --as keep-left}, {@code "resolution": "both-valid"}).
     *
     * @throws UsageException naming {@code field} and the choices when it is none of them
     */
    public static Resolution parseChoice(String value, String field) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (Resolution r : choices()) {
            if (r.label.equals(wanted)) {
                return r;
            }
        }
        throw new UsageException(field + " must be one of " + String.join(", ", labels(choices())) + ", got '"
                + (value == null ? "" : value) + "'"
                + (wanted.equals(SOURCE_CHANGED.label)
                        ? " (source-changed is set by Sluice when a side's sentence is gone)"
                        : ""));
    }

    private static List<String> labels(List<Resolution> rs) {
        return rs.stream().map(Resolution::label).toList();
    }
}
