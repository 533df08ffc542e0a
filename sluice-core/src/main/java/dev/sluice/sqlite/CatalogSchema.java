package dev.sluice.sqlite;

import java.util.List;

/** The catalog's schema as numbered migrations. */
final class CatalogSchema {
    private CatalogSchema() {}

    /** Migrations in order; index i brings the schema from version i to i + 1. Never edit one: add another. */
    static final List<String[]> MIGRATIONS = List.<String[]>of(
            new String[] {
                """
        CREATE TABLE documents (
          uri TEXT PRIMARY KEY,
          source TEXT NOT NULL,
          path TEXT NOT NULL,
          size_bytes INTEGER NOT NULL,
          modified_millis INTEGER NOT NULL,
          content_hash TEXT,
          status TEXT NOT NULL,
          reason TEXT,
          message TEXT,
          chunker_version TEXT,
          model_id TEXT,
          model_version TEXT,
          chunk_count INTEGER NOT NULL,
          first_seen_millis INTEGER NOT NULL,
          last_seen_millis INTEGER NOT NULL,
          run_id INTEGER NOT NULL)""",
                "CREATE INDEX documents_by_source ON documents(source)",
                """
        CREATE TABLE chunks (
          id TEXT PRIMARY KEY,
          document_uri TEXT NOT NULL,
          ordinal INTEGER NOT NULL,
          content_hash TEXT NOT NULL,
          run_id INTEGER NOT NULL)""",
                "CREATE INDEX chunks_by_document ON chunks(document_uri)",
                """
        CREATE TABLE embeddings (
          model_id TEXT NOT NULL,
          model_version TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          vector BLOB NOT NULL,
          PRIMARY KEY (model_id, model_version, content_hash))""",
                """
        CREATE TABLE runs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          trigger TEXT NOT NULL,
          started_millis INTEGER NOT NULL,
          finished_millis INTEGER NOT NULL DEFAULT 0,
          status TEXT NOT NULL,
          seen INTEGER NOT NULL DEFAULT 0,
          ingested INTEGER NOT NULL DEFAULT 0,
          unchanged INTEGER NOT NULL DEFAULT 0,
          quarantined INTEGER NOT NULL DEFAULT 0,
          deleted INTEGER NOT NULL DEFAULT 0,
          chunks INTEGER NOT NULL DEFAULT 0,
          embeddings_computed INTEGER NOT NULL DEFAULT 0,
          embeddings_reused INTEGER NOT NULL DEFAULT 0,
          error TEXT)"""
            },
            new String[] {"""
        CREATE TABLE sources (
          name TEXT PRIMARY KEY,
          last_run_id INTEGER NOT NULL DEFAULT 0,
          last_ok_millis INTEGER NOT NULL DEFAULT 0,
          last_failed_millis INTEGER NOT NULL DEFAULT 0,
          last_error TEXT)"""},
            // The source's change token (an ETag or a content hash) beside size and modification time.
            new String[] {"ALTER TABLE documents ADD COLUMN source_version TEXT"},
            // Evaluation runs: one row per run, per-query metric values and the ranks of relevant documents.
            new String[] {"""
        CREATE TABLE eval_runs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          set_name TEXT NOT NULL,
          set_fingerprint TEXT NOT NULL,
          started_millis INTEGER NOT NULL,
          finished_millis INTEGER NOT NULL,
          modes TEXT NOT NULL,
          metrics TEXT NOT NULL,
          queries INTEGER NOT NULL,
          model_id TEXT,
          settings TEXT NOT NULL)""", """
        CREATE TABLE eval_results (
          run_id INTEGER NOT NULL,
          mode TEXT NOT NULL,
          query_id TEXT NOT NULL,
          ordinal INTEGER NOT NULL,
          metric_values TEXT NOT NULL,
          relevant_ranks TEXT NOT NULL,
          top_documents TEXT NOT NULL,
          PRIMARY KEY (run_id, mode, query_id))"""},
            // The LLM ledger: one row per gateway call. cost_pico_usd is exact (integer picodollars) and is
            // what budgets sum; cost_usd is the same figure as a REAL for people and reports.
            new String[] {"""
        CREATE TABLE llm_calls (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at_millis INTEGER NOT NULL,
          purpose TEXT NOT NULL,
          model TEXT NOT NULL,
          prompt_version TEXT,
          key_id TEXT NOT NULL,
          input_tokens INTEGER NOT NULL,
          output_tokens INTEGER NOT NULL,
          cost_usd REAL NOT NULL,
          cost_pico_usd INTEGER NOT NULL,
          latency_millis INTEGER NOT NULL,
          outcome TEXT NOT NULL,
          attempts INTEGER NOT NULL,
          error TEXT)""", "CREATE INDEX llm_calls_by_time ON llm_calls(at_millis)"},
            // API keys of the HTTP service: only a hash of each key is kept.
            new String[] {"""
        CREATE TABLE api_keys (
          id TEXT PRIMARY KEY,
          key_hash TEXT NOT NULL UNIQUE,
          principal TEXT NOT NULL,
          groups_csv TEXT NOT NULL,
          scopes_csv TEXT NOT NULL,
          created_millis INTEGER NOT NULL,
          revoked_millis INTEGER NOT NULL DEFAULT 0)"""},
            // Who may read each document (AccessList.fingerprint()); null reads as public.
            new String[] {"ALTER TABLE documents ADD COLUMN access TEXT"},
            // Answers the service gave (for feedback) and the feedback on them.
            new String[] {"""
        CREATE TABLE answers (
          id TEXT PRIMARY KEY,
          key_id TEXT NOT NULL,
          principal TEXT NOT NULL,
          question TEXT NOT NULL,
          answer TEXT NOT NULL,
          kind TEXT NOT NULL,
          context_uris TEXT NOT NULL,
          created_millis INTEGER NOT NULL)""", """
        CREATE TABLE feedback (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          answer_id TEXT NOT NULL REFERENCES answers(id),
          key_id TEXT NOT NULL,
          principal TEXT NOT NULL,
          rating TEXT NOT NULL,
          comment TEXT,
          created_millis INTEGER NOT NULL)""", "CREATE INDEX feedback_by_answer ON feedback(answer_id)"},
            // Finished spans of traces (dev.sluice.observe), bounded by age and count.
            new String[] {"""
        CREATE TABLE spans (
          trace_id TEXT NOT NULL,
          span_id TEXT NOT NULL,
          parent_span_id TEXT NOT NULL,
          name TEXT NOT NULL,
          start_nanos INTEGER NOT NULL,
          end_nanos INTEGER NOT NULL,
          status TEXT NOT NULL,
          attributes TEXT NOT NULL,
          events TEXT NOT NULL,
          PRIMARY KEY (trace_id, span_id))""", "CREATE INDEX spans_roots ON spans(parent_span_id, start_nanos)"},
            // Incidents (dev.sluice.incident): at most one open per key, even across processes; the outbox
            // of webhook notifications, at most one per incident, event and target.
            new String[] {
                """
        CREATE TABLE incidents (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL,
          subject TEXT NOT NULL,
          incident_key TEXT NOT NULL,
          severity TEXT NOT NULL,
          summary TEXT NOT NULL,
          evidence TEXT NOT NULL,
          opened_millis INTEGER NOT NULL,
          updated_millis INTEGER NOT NULL,
          acknowledged_millis INTEGER NOT NULL DEFAULT 0,
          acknowledged_by TEXT,
          resolved_millis INTEGER NOT NULL DEFAULT 0)""",
                "CREATE UNIQUE INDEX incidents_one_open ON incidents(incident_key) WHERE resolved_millis = 0",
                """
        CREATE TABLE incident_notifications (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          incident_id INTEGER NOT NULL REFERENCES incidents(id),
          event TEXT NOT NULL,
          target TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_millis INTEGER NOT NULL,
          delivered_millis INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          UNIQUE (incident_id, event, target))""",
                "CREATE INDEX spans_by_name ON spans(name, start_nanos)"
            },
            // Documents removed because their file was gone, so a diagnosis can say "deleted in run n"
            // instead of "never heard of it" (dev.sluice.diagnose). Forgotten when the URI comes back.
            new String[] {"""
        CREATE TABLE removed_documents (
          uri TEXT PRIMARY KEY,
          source TEXT NOT NULL,
          path TEXT NOT NULL,
          access TEXT,
          indexed_run_id INTEGER NOT NULL,
          removed_run_id INTEGER NOT NULL)""", "CREATE INDEX removed_documents_by_path ON removed_documents(path)"},
            // The diagnosis a thumbs-down ran (dev.sluice.diagnose), kept with the feedback; error when it
            // could not run. Evidence is JSON; passed is the layers' labels, comma-separated.
            new String[] {"""
        CREATE TABLE feedback_diagnoses (
          feedback_id INTEGER PRIMARY KEY REFERENCES feedback(id),
          expect TEXT,
          expect_text TEXT,
          expected_uri TEXT,
          layer TEXT,
          cause TEXT,
          summary TEXT,
          evidence TEXT NOT NULL,
          fix TEXT,
          passed TEXT NOT NULL,
          error TEXT,
          created_millis INTEGER NOT NULL)"""},
            // The process that started a run (dev.sluice.core.ProcessOwner), so that the next run can close a run
            // whose process died (SIGKILL, power loss) as interrupted, and leave a live one alone. Null in rows
            // written before this migration.
            new String[] {
                "ALTER TABLE runs ADD COLUMN owner_host TEXT",
                "ALTER TABLE runs ADD COLUMN owner_pid INTEGER",
                "ALTER TABLE runs ADD COLUMN owner_started_millis INTEGER"
            },
            // Budget reservations of LLM calls in flight (dev.sluice.llm.LlmReservation): every process sharing the
            // catalog reserves here, in one BEGIN IMMEDIATE transaction with the sum it checks, so budgets hold
            // across processes. A row lives while its call is in flight; stale rows are dropped by the next reserve.
            new String[] {"""
        CREATE TABLE llm_reservations (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at_millis INTEGER NOT NULL,
          key_id TEXT NOT NULL,
          pico_usd INTEGER NOT NULL,
          expires_millis INTEGER NOT NULL,
          owner_host TEXT NOT NULL,
          owner_pid INTEGER NOT NULL,
          owner_started_millis INTEGER NOT NULL)"""},
            // Quality checks (dev.sluice.quality): the latest checks of each document as JSON, with its word-shingle
            // MinHash signature for near-duplicate detection; each source's figures and contract results per run.
            new String[] {"""
        CREATE TABLE document_checks (
          uri TEXT PRIMARY KEY,
          source TEXT NOT NULL,
          run_id INTEGER NOT NULL,
          indexed INTEGER NOT NULL,
          content_hash TEXT,
          signature BLOB,
          checks TEXT NOT NULL)""", """
        CREATE TABLE source_quality (
          run_id INTEGER NOT NULL,
          source TEXT NOT NULL,
          at_millis INTEGER NOT NULL,
          published INTEGER NOT NULL,
          quality TEXT NOT NULL,
          PRIMARY KEY (run_id, source))"""},
            // Review items (dev.sluice.review): two sentences of different documents that disagree, found when one
            // was indexed, each side with its lineage; pair_key (the two sentences, either order) makes a pair one
            // item for ever. review_scans: what each run's check did, or why it failed.
            new String[] {"""
        CREATE TABLE review_items (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL,
          pair_key TEXT NOT NULL UNIQUE,
          status TEXT NOT NULL,
          subject TEXT NOT NULL,
          difference TEXT NOT NULL,
          left_uri TEXT NOT NULL, left_source TEXT, left_path TEXT, left_version TEXT, left_chunk_id TEXT,
          left_page INTEGER NOT NULL, left_heading_path TEXT, left_sentence TEXT NOT NULL, left_value TEXT,
          right_uri TEXT NOT NULL, right_source TEXT, right_path TEXT, right_version TEXT, right_chunk_id TEXT,
          right_page INTEGER NOT NULL, right_heading_path TEXT, right_sentence TEXT NOT NULL, right_value TEXT,
          run_id INTEGER NOT NULL,
          created_millis INTEGER NOT NULL,
          resolution TEXT,
          note TEXT,
          resolved_by TEXT,
          resolved_millis INTEGER NOT NULL DEFAULT 0)""", "CREATE INDEX review_items_by_status ON review_items(status, id)", """
        CREATE TABLE review_scans (
          run_id INTEGER PRIMARY KEY,
          documents INTEGER NOT NULL,
          chunks INTEGER NOT NULL,
          candidates INTEGER NOT NULL,
          found INTEGER NOT NULL,
          added INTEGER NOT NULL,
          reopened INTEGER NOT NULL,
          source_changed INTEGER NOT NULL,
          millis INTEGER NOT NULL,
          error TEXT)"""},
            // LLM transform outputs (dev.sluice.transform): the cache that makes transform runs replayable and
            // resumable, keyed by (transform, prompt version, model, input hash); invalid outputs are kept only so
            // that they are not paid for twice. Pending rows are items a budget stopped, until an output arrives.
            new String[] {
                """
        CREATE TABLE transform_outputs (
          transform TEXT NOT NULL,
          prompt_version TEXT NOT NULL,
          model TEXT NOT NULL,
          input_hash TEXT NOT NULL,
          item TEXT NOT NULL,
          status TEXT NOT NULL,
          output_json TEXT,
          error TEXT,
          input_tokens INTEGER NOT NULL,
          output_tokens INTEGER NOT NULL,
          cost_pico_usd INTEGER NOT NULL,
          created_millis INTEGER NOT NULL,
          run_id TEXT NOT NULL,
          PRIMARY KEY (transform, prompt_version, model, input_hash))""",
                """
        CREATE TABLE transform_pending (
          transform TEXT NOT NULL,
          prompt_version TEXT NOT NULL,
          input_hash TEXT NOT NULL,
          item TEXT NOT NULL,
          run_id TEXT NOT NULL,
          created_millis INTEGER NOT NULL,
          PRIMARY KEY (transform, prompt_version, input_hash))""",
                // Batches submitted to the provider's batch API and what each request of one fills.
                """
        CREATE TABLE transform_batches (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL,
          submitted_millis INTEGER NOT NULL,
          closed_millis INTEGER NOT NULL DEFAULT 0,
          run_id TEXT NOT NULL,
          items INTEGER NOT NULL)""",
                """
        CREATE TABLE transform_batch_items (
          batch_id TEXT NOT NULL REFERENCES transform_batches(id),
          custom_id TEXT NOT NULL,
          transform TEXT NOT NULL,
          prompt_version TEXT NOT NULL,
          model TEXT NOT NULL,
          input_hash TEXT NOT NULL,
          item TEXT NOT NULL,
          PRIMARY KEY (batch_id, custom_id))""",
                "CREATE INDEX transform_batch_items_by_key ON transform_batch_items(transform, prompt_version, model,"
                        + " input_hash)"
            },
            // Which transforms each indexed document was enriched under (dev.sluice.transform.TransformStore): a
            // document whose state is not the configured transforms' fingerprint is processed again by the next sync.
            new String[] {"CREATE TABLE document_enrichment (uri TEXT PRIMARY KEY, state TEXT NOT NULL)"},
            // Folders ingested by name on the command line, with their globs (dev.sluice.ingest.AdHocSourceStore):
            // `sluice sync` without PATH and without sources in sluice.yaml runs them again.
            new String[] {
                "CREATE TABLE adhoc_sources (name TEXT PRIMARY KEY, root TEXT NOT NULL, include TEXT NOT NULL,"
                        + " exclude TEXT NOT NULL, gitignore INTEGER NOT NULL, recorded_millis INTEGER NOT NULL)"
            });
}
