package dev.sluice.conflict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a sentence gives a role, in three clear patterns only: "the CEO is Jane Smith", "Acme's CEO is
 * Jane Smith", "Jane Smith is our CEO". The role (with up to two words before it: "new CEO") is the
 * value's unit, so "the new CEO" and "the CEO" are two subjects. Kept conservative on purpose: a
 * capitalized word after "is" is not a name unless a role stands on the other side.
 */
final class NameReader {
    private NameReader() {}

    /** A name found, with where it stands in the sentence. */
    record Found(int start, int end, Value value) {}

    private static final String ROLE = "(?i:chief executive officer|chief executive|chief [a-z]+ officer|ceo|cto|cfo"
            + "|coo|cio|ciso|cpo|vice president|president|chairman|chairwoman|chairperson|chair|co-founder|founder"
            + "|owner|head of [a-z]+|head|director of [a-z]+|director|manager|lead|maintainer|contact person|contact"
            + "|sponsor|secretary|treasurer|editor|mayor|governor|principal|dean|capital|headquarters)";
    private static final String NAME =
            "((?:(?:Dr|Mr|Ms|Mrs|Prof)\\.?\\s)?[A-Z][\\p{L}'’-]+(?:\\s(?:[A-Z]\\.|[A-Z][\\p{L}'’-]+)){0,3})";
    private static final String VERB = "(?:is|was|has been|remains|will be)";
    private static final Pattern ROLE_IS_NAME =
            Pattern.compile("\\b(?:[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir)\\s+((?:[a-z-]+\\s){0,2}?"
                    + ROLE + ")(?:\\s+(?:of|at|for)\\s+(?:the\\s+)?[A-Z][\\w&.-]*(?:\\s[A-Z][\\w&.-]*){0,3})?,?\\s+"
                    + VERB
                    + "\\s+(?:now\\s+)?" + NAME);
    private static final Pattern OWNER_ROLE_IS_NAME = Pattern.compile(
            "\\b[A-Z][\\w&.-]*['’]s\\s+((?:[a-z-]+\\s){0,2}?" + ROLE + "),?\\s+" + VERB + "\\s+(?:now\\s+)?" + NAME);
    private static final Pattern NAME_IS_ROLE = Pattern.compile(
            NAME + ",?\\s+" + VERB + "\\s+(?:now\\s+)?(?:the|our|its|their)\\s+((?:[a-z-]+\\s){0,2}?" + ROLE + ")\\b");

    static List<Found> read(String text) {
        List<Found> out = new ArrayList<>();
        for (Pattern p : List.of(ROLE_IS_NAME, OWNER_ROLE_IS_NAME)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                add(out, m.group(2), m.start(2), m.end(2), m.group(1));
            }
        }
        Matcher m = NAME_IS_ROLE.matcher(text);
        while (m.find()) {
            add(out, m.group(1), m.start(1), m.end(1), m.group(2));
        }
        return out;
    }

    private static void add(List<Found> out, String name, int start, int end, String role) {
        if (Words.stop(Words.fold(name.split("\\s")[0]))) {
            return; // "The CEO is The..." : no name
        }
        for (Found f : out) {
            if (f.start() < end && start < f.end()) {
                return; // two patterns read the same name
            }
        }
        String unit = role.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        out.add(new Found(start, end, new Value(Value.NAME, unit, 0, 0, "", name, 0)));
    }
}
