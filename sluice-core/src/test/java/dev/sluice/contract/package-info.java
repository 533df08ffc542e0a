/**
 * Contract suites of the seams, in the manner of LangChain4j's: abstract JUnit classes that every
 * implementation of a seam must pass. An implementation's test extends the suite and says how to open
 * a fresh store in a folder, and how to open it again (to check durability). The embedded SQLite
 * implementations run them in {@code SqliteCatalogContractTest}; a later PostgreSQL catalog adds
 * {@code sluice-core}'s test-jar as a test dependency and runs the same suites. Seams that are not
 * stores have suites here too: {@code RerankerContract}, which the model reranker runs against a scripted
 * model server and a later cross-encoder runs against its model.
 */
package dev.sluice.contract;
