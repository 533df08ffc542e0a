package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.incident.IncidentSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code incidents} section: detector schedule, webhooks and thresholds. */
final class IncidentsSection extends ConfigReader {
    private static final Set<String> INCIDENTS = Set.of(
            "interval", "webhooks", "allowPrivateWebhooks", "objectives", "budgetWarnShare", "quarantine", "trends");
    private static final Set<String> WEBHOOK = Set.of("url", "format", "secretEnv");
    private static final Set<String> OBJECTIVES = Set.of("window", "maxErrorRate", "p99Ms", "minRequests");
    private static final Set<String> QUARANTINE = Set.of("minShare", "factor", "minDocuments");
    private static final Set<String> TRENDS =
            Set.of("window", "baseline", "minCount", "alpha", "maxShareRise", "maxSimilarityDrop");

    IncidentsSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    IncidentSettings incidents(JsonNode root) {
        IncidentSettings d = IncidentSettings.DEFAULTS;
        JsonNode node = section(root, "incidents", INCIDENTS);
        if (node.isMissingNode()) {
            return d;
        }
        JsonNode objectives = section(node, "objectives", OBJECTIVES, "incidents.objectives");
        JsonNode quarantine = section(node, "quarantine", QUARANTINE, "incidents.quarantine");
        JsonNode trends = section(node, "trends", TRENDS, "incidents.trends");
        return new IncidentSettings(
                duration(node, "interval", "incidents.interval", d.interval()),
                webhooks(node.get("webhooks")),
                node.has("allowPrivateWebhooks")
                        && bool(node.get("allowPrivateWebhooks"), "incidents.allowPrivateWebhooks"),
                duration(objectives, "window", "incidents.objectives.window", d.objectiveWindow()),
                fraction(objectives.get("maxErrorRate"), "incidents.objectives.maxErrorRate", d.maxErrorRate()),
                objectives.has("p99Ms")
                        ? positive(objectives.get("p99Ms"), "incidents.objectives.p99Ms")
                        : d.p99Millis(),
                objectives.has("minRequests")
                        ? positive(objectives.get("minRequests"), "incidents.objectives.minRequests")
                        : d.minRequests(),
                node.has("budgetWarnShare")
                        ? number(node.get("budgetWarnShare"), "incidents.budgetWarnShare", 0.01, 1)
                        : d.budgetWarnShare(),
                fraction(quarantine.get("minShare"), "incidents.quarantine.minShare", d.quarantineMinShare()),
                quarantine.has("factor")
                        ? number(quarantine.get("factor"), "incidents.quarantine.factor", 1, 1000)
                        : d.quarantineFactor(),
                quarantine.has("minDocuments")
                        ? positive(quarantine.get("minDocuments"), "incidents.quarantine.minDocuments")
                        : d.quarantineMinDocuments(),
                duration(trends, "window", "incidents.trends.window", d.trendWindow()),
                duration(trends, "baseline", "incidents.trends.baseline", d.trendBaseline()),
                trends.has("minCount")
                        ? positive(trends.get("minCount"), "incidents.trends.minCount")
                        : d.trendMinCount(),
                fraction(trends.get("alpha"), "incidents.trends.alpha", d.trendAlpha()),
                fraction(trends.get("maxShareRise"), "incidents.trends.maxShareRise", d.maxShareRise()),
                fraction(trends.get("maxSimilarityDrop"), "incidents.trends.maxSimilarityDrop", d.maxSimilarityDrop()));
    }

    private Duration duration(JsonNode section, String field, String key, Duration fallback) {
        return section.has(field) ? duration(section.get(field), key) : fallback;
    }

    private List<IncidentSettings.Webhook> webhooks(JsonNode list) {
        List<IncidentSettings.Webhook> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw error(
                    "incidents.webhooks",
                    "incidents.webhooks must be a list such as [{url: https://hooks.example.com/sluice}], got "
                            + describe(list));
        }
        for (int i = 0; i < list.size(); i++) {
            String key = "incidents.webhooks[" + i + "]";
            JsonNode hook = list.get(i);
            object(hook, key, WEBHOOK);
            if (!hook.has("url")) {
                throw error(key, key + " needs a url (https://...)");
            }
            String url = string(hook.get("url"), key + ".url");
            try {
                java.net.URI uri = new java.net.URI(url);
                if (uri.getScheme() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    throw new java.net.URISyntaxException(url, "not an http(s) URL with a host");
                }
            } catch (java.net.URISyntaxException e) {
                throw error(key + ".url", key + ".url must be an http or https URL, got \"" + url + "\"");
            }
            String format = hook.has("format") ? string(hook.get("format"), key + ".format") : "json";
            if (!IncidentSettings.Webhook.FORMATS.contains(format)) {
                throw error(
                        key + ".format",
                        key + ".format must be one of " + IncidentSettings.Webhook.FORMATS + ", got \"" + format
                                + "\"");
            }
            String secretEnv = hook.has("secretEnv") ? string(hook.get("secretEnv"), key + ".secretEnv") : null;
            out.add(new IncidentSettings.Webhook(url, format, secretEnv));
        }
        return out;
    }
}
