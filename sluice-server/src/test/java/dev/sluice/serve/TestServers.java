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
}
