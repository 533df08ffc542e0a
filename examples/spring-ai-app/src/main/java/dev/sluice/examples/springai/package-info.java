/**
 * An example Spring Boot application over Sluice: sluice-spring-ai's auto-configuration makes the
 * {@code DocumentRetriever} from {@code sluice.*} properties; {@link dev.sluice.examples.springai.SpringAiApp}
 * puts it behind a {@code ChatClient} with {@code RetrievalAugmentationAdvisor}, whose query augmenter
 * shows each passage under its citation; {@link dev.sluice.examples.springai.HandbookService} asks and
 * reads the retrieved documents back from the response context ({@code DOCUMENT_CONTEXT}) as the answer's
 * sources. The chat model is Spring AI's OpenAI model (any OpenAI-compatible server).
 *
 * <p>Its test ({@code SpringAiAppIT}) builds a real knowledge base of {@code examples/handbook}, starts the
 * application embedded and against a real {@code SluiceServer}, with the testkit's scripted OpenAI server
 * as the model, and checks that the passages reached the model's prompt.
 */
package dev.sluice.examples.springai;
