package dev.sluice.examples.langchain4j;

import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;

/** The AI service: a question in, an answer and the passages it was given (its sources) out. */
public interface HandbookAssistant {
    @SystemMessage("""
            Answer from the given information only, in one or two sentences, and cite each passage you use \
            by its citation in square brackets. If the information does not answer the question, say so.""")
    Result<String> answer(String question);
}
