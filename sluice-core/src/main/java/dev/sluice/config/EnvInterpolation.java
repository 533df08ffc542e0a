package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the string values of sluice.yaml with
 * environment variables, once, right after parsing and before any section is read; {@code $$} writes
 * one literal {@code $} (as in Docker Compose). The default applies when the variable is unset or
 * empty, as in a POSIX shell.
 *
 * <p>Values of keys ending in {@code Env} ({@code llm.apiKeyEnv}, {@code secretEnv}) name a variable
 * and are left as written. A variable that one of them names holds a secret, so it may not be
 * interpolated anywhere else: its value would then be printed by {@code sluice config show}.
 */
final class EnvInterpolation extends ConfigReader {
    private final Function<String, String> environment;
    private final Map<String, String> secretVariables = new HashMap<>();

    EnvInterpolation(Path file, Map<String, Integer> lines, Function<String, String> environment) {
        super(file, lines);
        this.environment = environment;
    }

    /** {@code root} with every string value interpolated, in place. */
    JsonNode apply(JsonNode root) {
        collectSecrets(root, "");
        walk(root, "");
        return root;
    }

    private void collectSecrets(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().endsWith("Env") && e.getValue().isTextual()) {
                    secretVariables.put(e.getValue().asText().trim(), child);
                }
                collectSecrets(e.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectSecrets(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private void walk(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path.isEmpty() ? name : path + "." + name;
                JsonNode value = object.get(name);
                if (value.isTextual() && !name.endsWith("Env")) {
                    object.set(name, TextNode.valueOf(resolve(value.asText(), child)));
                } else {
                    walk(value, child);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(resolve(array.get(i).asText(), child)));
                } else {
                    walk(array.get(i), child);
                }
            }
        }
    }

    /** {@code text} with its references replaced; the error names the key and the variable. */
    String resolve(String text, String key) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 == text.length()) {
                out.append(c);
                i++;
            } else if (text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (text.charAt(i + 1) != '{') {
                out.append(c);
                i++;
            } else {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw error(
                            key,
                            key + ": '${' is not closed by '}'; write ${NAME} or ${NAME:-default}, or $${ for a"
                                    + " literal '${'");
                }
                out.append(lookup(text.substring(i + 2, end), key));
                i = end + 1;
            }
        }
        return out.toString();
    }

    private String lookup(String reference, String key) {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error(
                    key,
                    key + ": '${" + reference + "}' does not name an environment variable; write ${NAME} or"
                            + " ${NAME:-default} (letters, digits and _), or $$ for a literal '$'");
        }
        if (secretVariables.containsKey(name)) {
            throw error(
                    key,
                    key + " uses ${" + name + "}, the secret that " + secretVariables.get(name) + " names;"
                            + " secrets are only read from the variable itself and never written into a setting"
                            + " (sluice config show would print it): remove ${" + name + "} from " + key);
        }
        String value = environment.apply(name);
        if (value != null && !(sep >= 0 && value.isEmpty())) {
            return value;
        }
        if (sep >= 0) {
            return reference.substring(sep + 2);
        }
        throw error(
                key,
                key + " uses ${" + name + "}, but the environment variable " + name + " is not set: export " + name
                        + ", or give a default with ${" + name + ":-VALUE}");
    }
}
