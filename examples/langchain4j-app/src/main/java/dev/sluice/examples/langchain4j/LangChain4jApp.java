package dev.sluice.examples.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.DefaultContentInjector;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.sluice.client.Mode;
import dev.sluice.langchain4j.SluiceContentRetriever;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers a question from a Sluice knowledge base with a LangChain4j AI service:
 *
 * <pre>
 * SLUICE_INDEX=target/handbook-index OPENAI_API_KEY=... java ... LangChain4jApp "How long is parental leave?"
 * SLUICE_URL=http://127.0.0.1:7878 SLUICE_API_KEY=sk_sluice_... OPENAI_API_KEY=... java ... LangChain4jApp "..."
 * </pre>
 *
 * <p>Environment: {@code SLUICE_INDEX} (embedded) or {@code SLUICE_URL} and {@code SLUICE_API_KEY}
 * (remote); {@code OPENAI_BASE_URL} (default {@code https://api.openai.com/v1}; any OpenAI-compatible
 * server), {@code OPENAI_API_KEY}, {@code OPENAI_MODEL} (default {@code gpt-4o-mini}).
 */
public final class LangChain4jApp {
    /** The answer and the citations of the passages the model was given. */
    public record Reply(String answer, List<String> citations) {}

    private LangChain4jApp() {}

    /** The retriever the environment names: an index folder (embedded) or a service (remote). */
    public static SluiceContentRetriever retriever(Map<String, String> env) {
        SluiceContentRetriever.Builder b =
                SluiceContentRetriever.builder().mode(Mode.HYBRID).k(3);
        String index = env.get("SLUICE_INDEX");
        String url = env.get("SLUICE_URL");
        if ((index == null) == (url == null)) {
            throw new IllegalArgumentException(
                    "set SLUICE_INDEX to an index folder (embedded) or SLUICE_URL and SLUICE_API_KEY (remote), not both");
        }
        return index != null
                ? b.index(Path.of(index)).build()
                : b.url(url).apiKey(env.get("SLUICE_API_KEY")).build();
    }

    /** An OpenAI-compatible chat model from the environment. */
    public static ChatModel chatModel(Map<String, String> env) {
        return OpenAiChatModel.builder()
                .baseUrl(env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"))
                .apiKey(env.getOrDefault("OPENAI_API_KEY", "none"))
                .modelName(env.getOrDefault("OPENAI_MODEL", "gpt-4o-mini"))
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    /**
     * The AI service: each question is sent to Sluice first, and the passages it returns go into the
     * prompt with their citation (the {@code citation} metadata key), so the model can cite them.
     */
    public static HandbookAssistant assistant(ContentRetriever retriever, ChatModel model) {
        return AiServices.builder(HandbookAssistant.class)
                .chatModel(model)
                .retrievalAugmentor(DefaultRetrievalAugmentor.builder()
                        .contentRetriever(retriever)
                        .contentInjector(DefaultContentInjector.builder()
                                .metadataKeysToInclude(List.of(SluiceContentRetriever.CITATION))
                                .build())
                        .build())
                .build();
    }

    /** Asks once: the model's answer and the citations of the passages it was given. */
    public static Reply ask(HandbookAssistant assistant, String question) {
        Result<String> result = assistant.answer(question);
        List<String> citations = new ArrayList<>();
        for (Content c : result.sources()) {
            citations.add(c.textSegment().metadata().getString(SluiceContentRetriever.CITATION));
        }
        return new Reply(result.content(), citations);
    }

    /** Runs the app: asks the question given as arguments and prints the answer and its sources. */
    public static int run(String[] args, Map<String, String> env, PrintStream out) throws Exception {
        if (args.length == 0) {
            out.println("usage: LangChain4jApp QUESTION  (with SLUICE_INDEX or SLUICE_URL + SLUICE_API_KEY set)");
            return 2;
        }
        try (SluiceContentRetriever retriever = retriever(env)) {
            Reply reply = ask(assistant(retriever, chatModel(env)), String.join(" ", args));
            out.println(reply.answer());
            reply.citations().forEach(c -> out.println("  source: " + c));
            return 0;
        }
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(args, System.getenv(), System.out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            code = 2;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }
}
