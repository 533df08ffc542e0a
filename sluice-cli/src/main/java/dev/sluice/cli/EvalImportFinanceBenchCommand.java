package dev.sluice.cli;

import dev.sluice.eval.FinanceBenchImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice eval import-financebench FILE --docs DIR [--path-prefix PREFIX] [--out FILE] [--json]}.
 * Like {@code import-beir}, it prints a summary and the next command; the eval set goes to a file,
 * since stdout carries the summary.
 */
@Command(
        name = "import-financebench",
        mixinStandardHelpOptions = true,
        description = {
            "Turn FinanceBench questions (JSON lines with financebench_id, question, answer and evidence[] with"
                    + " doc_name and the zero-based evidence_page_num) into a Sluice eval set judged by page:"
                    + " one {\"doc\": PREFIX<doc_name>.pdf, \"page\": N+1} entry per evidence page.",
            "Each filing must be in --docs and each page must exist in it. Needs no knowledge base; then"
                    + " ingest --docs and run: sluice eval run --set OUT."
        })
final class EvalImportFinanceBenchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "FinanceBench questions, one JSON object per line.")
    Path questions;

    @Option(
            names = "--docs",
            required = true,
            paramLabel = "DIR",
            description = "Folder holding the filings as <doc_name>.pdf.")
    Path docs;

    @Option(
            names = "--path-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "Put before each <doc_name>.pdf so names match the documents' paths in the knowledge"
                    + " base, e.g. filings/ when a parent folder was ingested (default: none, for sluice ingest DIR).")
    String pathPrefix;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "evals/financebench.jsonl",
            description = "The eval set to write, replaced when present (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() {
        FinanceBenchImport.Result r = FinanceBenchImport.convert(questions, docs, pathPrefix, out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", r.out().toString());
            m.put("questions", r.questions());
            m.put("evidencePages", r.evidencePages());
            m.put("documents", r.documents());
            stdout.println(Json.write(m));
        } else {
            stdout.println(r.questions() + " question(s) with " + r.evidencePages() + " evidence page(s) in "
                    + r.documents().size() + " document(s) written to " + r.out());
        }
        stdout.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("next: sluice ingest " + docs + " && sluice eval run --set " + r.out());
        err.flush();
        return SluiceCli.EXIT_OK;
    }
}
