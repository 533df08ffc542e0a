/**
 * Smoke tests of the real engines that the scale-out backends of issue 18 will run on: OpenSearch 3.6 with the
 * k-NN plugin (index) and PostgreSQL 15 (catalog). The backends themselves are not built yet; these tests only
 * prove that the engines, as {@code scripts/engines/opensearch.sh} and {@code scripts/engines/postgres.sh} start
 * them, do what the backends will need.
 *
 * <p>Roles: {@link dev.sluice.engines.EngineEndpoints} reads where the engines are (system property, then
 * environment variable, then the scripts' defaults) and fails with the script to run when one does not answer;
 * {@code OpenSearchEngineIT} creates an index with a BM25 text field and a Lucene-HNSW {@code knn_vector} field and
 * runs BM25, kNN and filtered kNN queries; {@code PostgresEngineIT} migrates a schema with Flyway, checks
 * transactions, and shows {@code pg_advisory_lock} excluding a second connection (a second server process).
 *
 * <p>Flow: {@code scripts/engines/*.sh start}, then {@code ./mvnw -Pengines verify -pl sluice-engines-it -am
 * -Dtest=none -Dit.test='*EngineIT' -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 * Without {@code -Pengines} the tests compile and do not run ({@code engines.it.skip}).
 *
 * <p>Invariants: every test works in its own index or schema with a random suffix and drops it afterwards, so runs
 * may overlap on one engine; advisory-lock keys are random for the same reason.
 *
 * <p>Traps: every {@code knn_vector} field must name {@code "engine": "lucene"} (the plugin zip carries no native
 * faiss libraries; the node exits on the first document otherwise). Under {@code -Pengines} an engine that is down
 * is a failure, never a skip: CI starts both engines and must notice when one did not come up.
 */
package dev.sluice.engines;
