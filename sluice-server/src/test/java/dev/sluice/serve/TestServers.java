package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;

/** Starts the service the way {@code sluice serve} does: the effective configuration, then the knowledge base. */
final class TestServers {
    private TestServers() {}

    static SluiceServer start(SluiceConfig config, Path index, String host, int port) {
        return start(config, index, host, port, SluiceServer.Limits.DEFAULTS);
    }

    static SluiceServer start(SluiceConfig config, Path index, String host, int port, SluiceServer.Limits limits) {
        return SluiceServer.start(knowledgeBase(config, index), host, port, limits);
    }

    static KnowledgeBase knowledgeBase(SluiceConfig config, Path index) {
        return KnowledgeBase.openOrCreate(
                EffectiveConfig.resolve(config, Flags.NONE.with(EffectiveConfig.INDEX, index, "--index")));
    }

    /**
     * Two tenants in {@code work}: source {@code hr} (readable by group hr, one salaries note only it
     * holds) and source {@code eng} (group eng, a deploy runbook), in a sluice.yaml with index {@code
     * index}; returns the loaded configuration (nothing is ingested yet).
     */
    static SluiceConfig twoTenants(Path work) throws java.io.IOException {
        java.nio.file.Files.createDirectories(work.resolve("hr"));
        java.nio.file.Files.writeString(
                work.resolve("hr/salaries.md"),
                "# Salaries\n\nThe zanzibar payroll bands for 2027 are confidential: band four starts at ninety"
                        + " thousand.\n");
        java.nio.file.Files.createDirectories(work.resolve("eng"));
        java.nio.file.Files.writeString(
                work.resolve("eng/deploy.md"),
                "# Deploy\n\nThe kubernetes deploy runbook: roll out with canaries, then watch the dashboards.\n");
        java.nio.file.Files.writeString(work.resolve("sluice.yaml"), """
                index: index
                sources:
                  - name: hr
                    path: hr
                    access: {groups: [hr]}
                  - name: eng
                    path: eng
                    access: {groups: [eng]}
                """);
        return dev.sluice.config.ConfigLoader.load(work.resolve("sluice.yaml"));
    }
}
