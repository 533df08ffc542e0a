package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice completion bash|zsh}: the shell completion script of every command and option, as picocli
 * generates it from the running CLI (so {@code bench} is in it when sluice-bench is on the class path). zsh
 * runs the bash script through {@code bashcompinit}, which the script turns on itself.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print the shell completion script for sluice's commands and options.",
            "bash: source <(sluice completion bash)   (or save it under /etc/bash_completion.d/sluice)",
            "zsh:  source <(sluice completion zsh)    (in ~/.zshrc, after compinit)"
        })
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        String which = shell.trim().toLowerCase(Locale.ROOT);
        if (!which.equals("bash") && !which.equals("zsh")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "SHELL must be bash or zsh, got '" + shell + "'");
        }
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash(root.getCommandName(), root);
        PrintWriter out = spec.commandLine().getOut();
        if (which.equals("zsh")) {
            // The generated script enables bash completion in zsh (compinit, then bashcompinit) when it sees zsh.
            out.println("# sluice completion for zsh, through bashcompinit: source <(sluice completion zsh)");
        }
        out.print(script);
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
