package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeyRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids, never secrets).")
final class KeysListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<ApiKeyRecord> keys;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            keys = kb.keys().apiKeys();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(keys));
        } else {
            out.printf(
                    Locale.ROOT,
                    "%-17s %-20s %-20s %-18s %-25s %s%n",
                    "id",
                    "principal",
                    "groups",
                    "scopes",
                    "created",
                    "status");
            for (ApiKeyRecord k : keys) {
                out.printf(
                        Locale.ROOT,
                        "%-17s %-20s %-20s %-18s %-25s %s%n",
                        k.id(),
                        k.principal(),
                        String.join(",", k.groups()),
                        String.join(",", k.scopes()),
                        Instant.ofEpochMilli(k.createdMillis()),
                        k.revoked() ? "revoked" : "valid");
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
