package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeys;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice keys}: API keys of the HTTP service, stored hashed in the catalog. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "API keys for sluice serve: create (shown once), list, revoke.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: create, list or revoke");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; it is shown once.")
    static final class Create implements Callable<Integer> {
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

        @Override
        public Integer call() {
            ApiKeys.Created created;
            try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
                created = ApiKeys.create(kb.keys(), principal, groups, scopes, System.currentTimeMillis());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.key());
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

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids, never secrets).")
    static final class ListKeys implements Callable<Integer> {
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

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        IndexOption index;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "The key's id (sluice keys list).")
        String id;

        @Override
        public Integer call() {
            boolean revoked;
            try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
                revoked = kb.keys().revokeApiKey(id, System.currentTimeMillis());
            }
            if (!revoked) {
                spec.commandLine().getErr().println("error: no valid key with id " + id + "; see sluice keys list");
                return SluiceCli.EXIT_FAILED;
            }
            spec.commandLine().getErr().println("revoked " + id);
            return SluiceCli.EXIT_OK;
        }
    }
}
