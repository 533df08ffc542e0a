package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeys;
import dev.sluice.core.UsageException;
import dev.sluice.mcp.McpCaller;
import dev.sluice.mcp.SluiceMcp;
import dev.sluice.mcp.StdinGuard;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the knowledge base to an AI agent over the Model Context Protocol, on standard input and output"
                    + " (Claude Desktop, Claude Code, VS Code start it themselves; see docs/mcp.md). Tools: search, ask,"
                    + " get_document, status; documents as resources sluice://document/{id}.",
            "Standard output carries only JSON-RPC; logs go to standard error. It stops when standard input ends."
        })
final class McpCommand implements Callable<Integer> {
    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--api-key-env",
            paramLabel = "NAME",
            description = "Act with the access of the API key in this environment variable (sluice keys create):"
                    + " the agent reads only what that key may. Default: the local user's full access, as every"
                    + " command has.")
    String apiKeyEnv;

    @Override
    public Integer call() throws InterruptedException {
        // Standard output is the protocol: the SDK gets the process's real stdout, and anything else that
        // prints to System.out (a library, a stray println) lands on standard error instead.
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            kb.catalog(); // no knowledge base here: fail now, with its message, before a client waits
            McpCaller caller = caller(kb);
            OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
            System.setOut(System.err);
            StdinGuard in = SluiceMcp.guard(System.in, protocol);
            McpSyncServer server = SluiceMcp.stdio(kb, caller, in, in.out());
            in.awaitEnd();
            server.closeGracefully();
        }
        return SluiceCli.EXIT_OK;
    }

    private McpCaller caller(KnowledgeBase kb) {
        if (apiKeyEnv == null) {
            return McpCaller.LOCAL;
        }
        String key = System.getenv(apiKeyEnv);
        if (key == null || key.isBlank()) {
            throw new UsageException("--api-key-env names " + apiKeyEnv + ", which is not set; set it to an API key"
                    + " (sluice keys create) or leave --api-key-env out for full local access");
        }
        ApiKeyRecord record = ApiKeys.authenticate(kb.keys(), key.strip());
        if (record == null) {
            throw new UsageException("the API key in " + apiKeyEnv + " is not valid (unknown or revoked) for the"
                    + " index " + kb.index() + "; sluice keys list shows the valid ones");
        }
        if (!record.scopes().contains("query")) {
            throw new UsageException("the API key in " + apiKeyEnv + " lacks the 'query' scope the MCP tools need");
        }
        return McpCaller.of(record);
    }
}
