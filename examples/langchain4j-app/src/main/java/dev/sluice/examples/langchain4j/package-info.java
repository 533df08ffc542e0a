/**
 * An example LangChain4j application over Sluice: {@link dev.sluice.examples.langchain4j.LangChain4jApp}
 * wires {@link dev.sluice.langchain4j.SluiceContentRetriever} into a {@code DefaultRetrievalAugmentor}
 * behind an {@code AiServices} interface ({@link dev.sluice.examples.langchain4j.HandbookAssistant}),
 * with an OpenAI-compatible chat model.
 *
 * <p>Flow: the question goes to Sluice (embedded index or remote service); its passages are injected into
 * the user message with their {@code citation} metadata; the model answers; the AI service's {@code
 * Result.sources()} are the passages it was given, which the app prints as the answer's sources.
 *
 * <p>Its test ({@code LangChain4jAppIT}) builds a real knowledge base of {@code examples/handbook}, runs
 * the app embedded and against a real {@code SluiceServer}, with the testkit's scripted OpenAI server as
 * the model, and checks that the retrieved passages reached the model's prompt.
 */
package dev.sluice.examples.langchain4j;
