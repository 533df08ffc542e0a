package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.quality.CheckPolicy;
import dev.sluice.quality.Contract;
import dev.sluice.quality.Expectation;
import dev.sluice.quality.PiiKind;
import dev.sluice.quality.QualitySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code checks} section (at the top, and under a source over the top's values) and each source's
 * {@code contract}: what the quality checks do with what they find and what a run must meet to publish.
 */
final class ChecksSection extends ConfigReader {
    private static final Set<String> CHECKS =
            Set.of("enabled", "garbled", "duplicates", "pii", "injection", "conflicts");
    private static final Set<String> SOURCE_CHECKS = Set.of("enabled", "garbled", "duplicates", "pii", "injection");
    private static final Set<String> THRESHOLD_ACTION = Set.of("threshold", "action");
    private static final Set<String> PII = Set.of("action", "kinds");
    private static final Set<String> ACTION = Set.of("action");
    private static final Set<String> EXPECTATION = Set.of("value", "severity");

    /** The document fields a contract may require, besides the fields transforms add. */
    static final Set<String> BUILT_IN_FIELDS = Set.of("title", "type", "path", "issuer", "doctype", "year", "quarter");

    ChecksSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    /**
     * The settings of the top {@code checks} section and of every source's {@code checks} and
     * {@code contract}; {@code metadataFields} are the fields a contract may require beyond the built-in ones.
     */
    QualitySettings read(JsonNode root, List<SluiceConfig.Source> sources, Set<String> metadataFields) {
        JsonNode top = root.get("checks");
        CheckPolicy defaults = policy(top, "checks", CheckPolicy.DEFAULTS, CHECKS);
        boolean conflicts = true;
        if (top != null && top.has("conflicts")) {
            conflicts = bool(top.get("conflicts"), "checks.conflicts");
        }
        Map<String, CheckPolicy> policies = new HashMap<>();
        Map<String, Contract> contracts = new HashMap<>();
        JsonNode list = root.get("sources");
        for (int i = 0; list != null && list.isArray() && i < list.size() && i < sources.size(); i++) {
            JsonNode s = list.get(i);
            String name = sources.get(i).name();
            String at = "sources[" + i + "]";
            if (s.has("checks")) {
                policies.put(name, policy(s.get("checks"), at + ".checks", defaults, SOURCE_CHECKS));
            }
            if (s.has("contract")) {
                contracts.put(name, contract(s.get("contract"), at + ".contract", metadataFields));
            }
        }
        return new QualitySettings(defaults, policies, contracts, conflicts);
    }

    private CheckPolicy policy(JsonNode node, String key, CheckPolicy base, Set<String> allowed) {
        if (node == null || node.isNull()) {
            return base;
        }
        object(node, key, allowed);
        boolean enabled = node.has("enabled") ? bool(node.get("enabled"), key + ".enabled") : base.enabled();
        double garbledThreshold = base.garbledThreshold();
        CheckPolicy.Action garbled = base.garbled();
        if (node.has("garbled")) {
            JsonNode g = node.get("garbled");
            object(g, key + ".garbled", THRESHOLD_ACTION);
            garbledThreshold = fraction(g.get("threshold"), key + ".garbled.threshold", garbledThreshold);
            if (garbledThreshold <= 0) {
                throw error(
                        key + ".garbled.threshold",
                        key + ".garbled.threshold must be above 0 (0.3 is the tuned default), got " + garbledThreshold);
            }
            garbled = action(g.get("action"), key + ".garbled.action", garbled, false);
        }
        double duplicateThreshold = base.duplicateThreshold();
        CheckPolicy.DuplicateAction duplicates = base.duplicates();
        if (node.has("duplicates")) {
            JsonNode d = node.get("duplicates");
            object(d, key + ".duplicates", THRESHOLD_ACTION);
            duplicateThreshold = fraction(d.get("threshold"), key + ".duplicates.threshold", duplicateThreshold);
            if (duplicateThreshold < 0.5) {
                throw error(
                        key + ".duplicates.threshold",
                        key + ".duplicates.threshold must be at least 0.5 (below it unrelated texts of one domain"
                                + " match), got " + duplicateThreshold);
            }
            duplicates = enumValue(
                    d.get("action"), key + ".duplicates.action", CheckPolicy.DuplicateAction.class, duplicates);
        }
        CheckPolicy.Action pii = base.pii();
        Set<PiiKind> kinds = base.piiKinds();
        if (node.has("pii")) {
            JsonNode p = node.get("pii");
            object(p, key + ".pii", PII);
            pii = action(p.get("action"), key + ".pii.action", pii, true);
            if (p.has("kinds")) {
                kinds = piiKinds(p.get("kinds"), key + ".pii.kinds");
            }
        }
        CheckPolicy.Action injection = base.injection();
        if (node.has("injection")) {
            JsonNode j = node.get("injection");
            object(j, key + ".injection", ACTION);
            injection = action(j.get("action"), key + ".injection.action", injection, false);
        }
        return new CheckPolicy(
                enabled, garbledThreshold, garbled, duplicateThreshold, duplicates, pii, kinds, injection);
    }

    private CheckPolicy.Action action(JsonNode node, String key, CheckPolicy.Action fallback, boolean redact) {
        CheckPolicy.Action a = enumValue(node, key, CheckPolicy.Action.class, fallback);
        if (a == CheckPolicy.Action.REDACT && !redact) {
            throw error(key, key + " must be flag or quarantine (only pii can be redacted), got redact");
        }
        return a;
    }

    private <E extends Enum<E>> E enumValue(JsonNode node, String key, Class<E> type, E fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (!node.isTextual()) {
            throw error(key, key + " must be one of " + allowed + ", got " + describe(node));
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(node.asText().trim())) {
                return e;
            }
        }
        throw error(key, key + " must be one of " + allowed + ", got " + describe(node));
    }

    private Set<PiiKind> piiKinds(JsonNode node, String key) {
        if (!node.isArray()) {
            throw error(key, key + " must be a list of kinds (" + piiLabels() + "), got " + describe(node));
        }
        Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
        for (int i = 0; i < node.size(); i++) {
            String at = key + "[" + i + "]";
            String label = string(node.get(i), at);
            PiiKind kind = Arrays.stream(PiiKind.values())
                    .filter(k -> k.label().equals(label.trim().toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> error(
                            at,
                            at + " '" + label + "' is not a kind of personal data Sluice finds; use one of "
                                    + piiLabels()));
            kinds.add(kind);
        }
        return kinds;
    }

    private static String piiLabels() {
        return Arrays.stream(PiiKind.values()).map(PiiKind::label).collect(Collectors.joining(", "));
    }

    private Contract contract(JsonNode node, String key, Set<String> metadataFields) {
        if (!node.isObject()) {
            throw error(key, key + " must be a map of expectations (minDocuments: 10, ...), got " + describe(node));
        }
        Set<String> allowed = new TreeSet<>();
        for (Expectation.Kind k : Expectation.Kind.values()) {
            allowed.add(k.key());
        }
        object(node, key, allowed);
        List<Expectation> out = new ArrayList<>();
        for (Expectation.Kind kind : Expectation.Kind.values()) {
            JsonNode value = node.get(kind.key());
            if (value == null || value.isNull()) {
                continue;
            }
            String at = key + "." + kind.key();
            Expectation.Severity severity = Expectation.Severity.ERROR;
            if (value.isObject()) {
                object(value, at, EXPECTATION);
                severity = enumValue(value.get("severity"), at + ".severity", Expectation.Severity.class, severity);
                if (!value.has("value")) {
                    throw error(at, at + " needs a value (" + at + ".value), with an optional severity: error or warn");
                }
                value = value.get("value");
                at = at + ".value";
            }
            if (kind.list()) {
                List<String> names = names(value, at);
                if (names.isEmpty()) {
                    throw error(at, at + " names nothing; list at least one, or remove " + kind.key());
                }
                if (kind == Expectation.Kind.REQUIRED_METADATA) {
                    Set<String> known = new TreeSet<>(BUILT_IN_FIELDS);
                    known.addAll(metadataFields);
                    for (String field : names) {
                        if (!known.contains(field)) {
                            throw error(
                                    at,
                                    at + " names '" + field + "', which no document has; the fields are " + known
                                            + " (add a transform of kind extract or classify to have more)");
                        }
                    }
                } else {
                    names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
                    for (String language : names) {
                        if (!language.matches("[a-z]{2}")) {
                            throw error(
                                    at,
                                    at + " must list two-letter ISO 639-1 codes (en, de, fr), got '" + language + "'");
                        }
                    }
                }
                out.add(new Expectation(kind, 0, names, severity, key + "." + kind.key()));
            } else {
                double limit = kind.share() ? number(value, at, 0, 1) : integer(value, at);
                out.add(new Expectation(kind, limit, List.of(), severity, key + "." + kind.key()));
            }
        }
        return new Contract(out);
    }
}
