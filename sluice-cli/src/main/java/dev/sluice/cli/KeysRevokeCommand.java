package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id.")
final class KeysRevokeCommand implements Callable<Integer> {
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
