package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeys;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; it is shown once.")
final class KeysCreateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--principal", required = true, paramLabel = "NAME", description = "Who the key speaks for.")
    String principal;

    @Option(
            names = "--scopes",
            split = ",",
            paramLabel = "SCOPE",
            defaultValue = "query",
            description = "query, ingest, admin, comma-separated (default ${DEFAULT-VALUE}).")
    List<String> scopes;

    @Option(names = "--groups", split = ",", paramLabel = "GROUP", description = "The principal's groups.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--json", description = "Print the key and its record as JSON (the key is still shown once).")
    boolean json;

    @Override
    public Integer call() {
        ApiKeys.Created created;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            created = ApiKeys.create(kb.keys(), principal, groups, scopes, System.currentTimeMillis());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ApiKeyRecord r = created.record();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("key", created.key());
            view.put("id", r.id());
            view.put("principal", r.principal());
            view.put("groups", r.groups());
            view.put("scopes", r.scopes());
            view.put("createdMillis", r.createdMillis());
            out.println(Json.write(view));
        } else {
            out.println(created.key());
        }
        out.flush();
        spec.commandLine()
                .getErr()
                .println("key " + created.record().id() + " for " + principal + " (scopes "
                        + String.join(",", scopes)
                        + "): shown once, only its hash is stored; revoke it with: sluice keys"
                        + " revoke " + created.record().id());
        return SluiceCli.EXIT_OK;
    }
}
