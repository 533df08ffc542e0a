package dev.sluice.cli;

import dev.sluice.cli.logs.LogSettings;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sluice <command>}: the command-line face. Exit codes: 0 done, 1 failed, 2 usage, 3 a check ran and found a
 * problem (status, eval run --gate, incidents check, bench regressions, diagnose).
 */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceCli.Version.class,
        description = "Build a knowledge base an AI system can trust: ingest documents, search them.",
        subcommands = {
            QuickstartCommand.class,
            InitCommand.class,
            IngestCommand.class,
            SearchCommand.class,
            AskCommand.class,
            PromptsCommand.class,
            CostsCommand.class,
            ServeCommand.class,
            McpCommand.class,
            KeysCommand.class,
            StatusCommand.class,
            RunsCommand.class,
            TracesCommand.class,
            IncidentsCommand.class,
            QualityCommand.class,
            ReviewCommand.class,
            TransformsCommand.class,
            DiagnoseCommand.class,
            FeedbackCommand.class,
            LineageCommand.class,
            ConfigCommand.class,
            EvalCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SluiceCli implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** The command ran fine and its check failed (a breach, a failed gate, an open incident): alert, do not retry. */
    public static final int EXIT_CHECK_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: sluice quickstart)");
    }

    /** Held so the setting is not garbage-collected with the logger. */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    public static void main(String[] args) {
        // Lucene announces its vector support at INFO on every start; users need only its warnings.
        LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given output streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            LogSettings.command(System.getenv()); // Logback fell back to the defaults on a bad value: say so
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        CommandLine cli = new CommandLine(new SluiceCli());
        for (CliExtension extension : ServiceLoader.load(CliExtension.class)) {
            cli.addSubcommand(extension.command());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> EXIT_FAILED);
        cli.getCommandSpec().exitCodeOnUsageHelp(EXIT_OK);
        cli.setParameterExceptionHandler((ex, cmdArgs) -> {
            CommandLine command = ex.getCommandLine();
            command.getErr().println("error: " + ex.getMessage());
            command.getErr().println("try: " + command.getCommandSpec().qualifiedName() + " --help");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, command, parseResult) -> {
            PrintWriter e = command.getErr();
            if (ex instanceof UsageException) {
                // A flag, a key of sluice.yaml or an argument the user can change: the message names it.
                e.println("error: " + ex.getMessage());
                e.println("try: " + command.getCommandSpec().qualifiedName() + " --help");
                return EXIT_USAGE;
            }
            if (ex instanceof SluiceException) {
                e.println("error: " + ex.getMessage());
                return EXIT_FAILED;
            }
            if (ex instanceof UncheckedIOException io) {
                // Disk, permissions, a vanished folder: the user's environment, not a bug.
                e.println("error: " + io.getMessage() + ": " + io.getCause().getMessage());
                return EXIT_FAILED;
            }
            e.println("error: unexpected " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            if (Boolean.getBoolean("sluice.debug")) {
                ex.printStackTrace(e);
            } else {
                e.println(
                        "this is a bug in Sluice; run with JAVA_OPTS=-Dsluice.debug=true for the stack trace and report it");
            }
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SluiceCli.class.getPackage().getImplementationVersion();
            return new String[] {"sluice " + (v == null ? "development" : v), "Java " + Runtime.version()};
        }
    }
}
