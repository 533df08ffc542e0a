package dev.sluice.examples.springai;

import dev.sluice.springai.SluiceDocumentRetriever;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.stereotype.Service;

/** Asks the chat client and reports the answer with the citations of the passages it was given. */
@Service
public class HandbookService {
    /** The model's answer and the citations of the passages in its prompt. */
    public record Reply(String answer, List<String> citations) {}

    private final ChatClient chat;

    public HandbookService(ChatClient chat) {
        this.chat = chat;
    }

    public Reply ask(String question) {
        ChatClientResponse response = chat.prompt().user(question).call().chatClientResponse();
        List<String> citations = new ArrayList<>();
        if (response.context().get(RetrievalAugmentationAdvisor.DOCUMENT_CONTEXT) instanceof List<?> documents) {
            for (Object d : documents) {
                if (d instanceof Document doc) {
                    citations.add(String.valueOf(doc.getMetadata().get(SluiceDocumentRetriever.CITATION)));
                }
            }
        }
        String answer = response.chatResponse() == null
                ? ""
                : response.chatResponse().getResult().getOutput().getText();
        return new Reply(answer, citations);
    }

    /** The passages as the prompt shows them: each under its citation, so the model can cite it. */
    static String passages(List<Document> documents) {
        return documents.stream()
                .map(d -> "[" + d.getMetadata().get(SluiceDocumentRetriever.CITATION) + "]\n" + d.getText())
                .collect(Collectors.joining("\n\n"));
    }
}
