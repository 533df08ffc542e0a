package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice completion}: the script names every command and their options, and bash accepts it. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void should_print_a_bash_script_naming_the_subcommands_and_their_options() {
        Run bash = run("completion", "bash");

        assertThat(bash.exit()).isZero();
        assertThat(bash.out())
                .contains("complete -F _complete_sluice")
                .contains("sync", "ingest", "search", "ask", "status", "eval", "serve", "completion")
                .contains("--json", "--index", "--config", "--source", "--retry-quarantined")
                .contains("_picocli_sluice_eval_run"); // nested subcommands too
    }

    @Test
    void should_print_the_same_script_for_zsh_which_it_runs_through_bashcompinit() {
        Run zsh = run("completion", "zsh");

        assertThat(zsh.exit()).isZero();
        String bash = run("completion", "bash").out();
        assertThat(zsh.out()).endsWith(bash);
        assertThat(bash).contains("autoload -U +X bashcompinit && bashcompinit"); // what zsh needs, in the script
    }

    @Test
    void should_refuse_another_shell_with_the_choices() {
        Run fish = run("completion", "fish");

        assertThat(fish.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(fish.err()).contains("SHELL must be bash or zsh, got 'fish'");
    }

    @Test
    void should_be_accepted_by_bash_when_bash_is_installed() throws Exception {
        Path bashBin = Path.of("/bin/bash");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bashBin), "no bash on this machine");
        Path script = Files.writeString(
                dir.resolve("sluice.bash"), run("completion", "bash").out(), StandardCharsets.UTF_8);

        Process check = new ProcessBuilder(bashBin.toString(), "-n", script.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(said).isZero();
    }
}
