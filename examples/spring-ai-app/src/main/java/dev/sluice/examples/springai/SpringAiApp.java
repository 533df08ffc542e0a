package dev.sluice.examples.springai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.generation.augmentation.ContextualQueryAugmenter;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Answers a question from a Sluice knowledge base with Spring AI:
 *
 * <pre>
 * SLUICE_INDEX=target/handbook-index OPENAI_API_KEY=... java -jar ... "How long is parental leave?"
 * SLUICE_URL=http://127.0.0.1:7878 SLUICE_API_KEY=sk_sluice_... OPENAI_API_KEY=... java -jar ... "..."
 * </pre>
 *
 * The {@code DocumentRetriever} comes from sluice-spring-ai's auto-configuration (application.properties
 * maps the environment to {@code sluice.*}); this class only puts it behind the chat client's advisor.
 */
@SpringBootApplication
public class SpringAiApp {

    /** The chat client: every question goes to Sluice first; its passages, with citations, go into the prompt. */
    @Bean
    ChatClient chatClient(ChatClient.Builder builder, DocumentRetriever sluice) {
        return builder.defaultSystem("""
                        Answer from the given context only, in one or two sentences, and cite each passage you use \
                        by its citation in square brackets.""")
                .defaultAdvisors(RetrievalAugmentationAdvisor.builder()
                        .documentRetriever(sluice)
                        .queryAugmenter(ContextualQueryAugmenter.builder()
                                .documentFormatter(HandbookService::passages)
                                .build())
                        .build())
                .build();
    }

    /** With a question on the command line, answers it and prints the sources. */
    @Bean
    ApplicationRunner askFromCommandLine(HandbookService handbook) {
        return args -> {
            if (!args.getNonOptionArgs().isEmpty()) {
                HandbookService.Reply reply = handbook.ask(String.join(" ", args.getNonOptionArgs()));
                System.out.println(reply.answer());
                reply.citations().forEach(c -> System.out.println("  source: " + c));
            }
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(SpringAiApp.class, args);
    }
}
