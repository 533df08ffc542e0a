package dev.sluice.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.access.ApiKeys;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.ProcessOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two catalogs on one schema, each with its own connection (a server process of its own), as two
 * Sluice processes would have: run starts, keys and runs of other hosts behave as with one.
 */
class PostgresSharedCatalogEngineIT {
    private final TestDatabase database = new TestDatabase();
    private final List<PostgresCatalog> opened = new ArrayList<>();
    private PostgresSettings settings;

    @BeforeEach
    void schema() {
        settings = database.freshSchema();
    }

    @AfterEach
    void close() {
        opened.reversed().forEach(PostgresCatalog::close);
        database.close();
    }

    private PostgresCatalog open() {
        PostgresCatalog catalog = PostgresCatalog.open(settings);
        opened.add(catalog);
        return catalog;
    }

    @Test
    void should_give_distinct_increasing_run_ids_when_two_catalogs_start_runs_at_once() throws Exception {
        PostgresCatalog first = open();
        PostgresCatalog second = open();
        int perSide = 25;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(2, r -> new Thread(r, "run-starter-" + n.incrementAndGet()));
        try {
            Future<List<Long>> a = pool.submit(() -> startRuns(first, go, perSide));
            Future<List<Long>> b = pool.submit(() -> startRuns(second, go, perSide));
            go.countDown();
            List<Long> ours = a.get();
            List<Long> theirs = b.get();

            assertThat(ours).as("each side's ids increase").isSorted().doesNotHaveDuplicates();
            assertThat(theirs).isSorted().doesNotHaveDuplicates();
            List<Long> all = new ArrayList<>(ours);
            all.addAll(theirs);
            assertThat(all).as("no id given twice").doesNotHaveDuplicates().hasSize(2 * perSide);
            assertThat(first.runs(100))
                    .as("no live run closed as interrupted by the other side's start")
                    .extracting(RunRecord::status)
                    .containsOnly(RunRecord.RUNNING);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> startRuns(PostgresCatalog catalog, CountDownLatch go, int count) throws Exception {
        go.await();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(catalog.startRun("test", System.currentTimeMillis(), ProcessOwner.current()));
        }
        return ids;
    }

    @Test
    void should_close_a_run_of_a_gone_process_of_this_host_and_leave_another_hosts_run_alone() {
        PostgresCatalog first = open();
        ProcessOwner me = ProcessOwner.current();
        ProcessOwner gone = new ProcessOwner(me.host(), Integer.MAX_VALUE - 7, me.startedMillis());
        ProcessOwner elsewhere = new ProcessOwner("replica-2.example pid:[4026531836]", me.pid(), me.startedMillis());
        long remote = first.startRun("remote", 1_000, elsewhere);
        long dead = first.startRun("dead", 2_000, gone);

        long next = open().startRun("next", 3_000, me);

        assertThat(first.run(dead).status()).isEqualTo(RunRecord.INTERRUPTED);
        assertThat(first.run(dead).error()).contains("by run " + next);
        assertThat(first.run(remote).status())
                .as("a process on another host cannot be seen from here: never taken for gone")
                .isEqualTo(RunRecord.RUNNING);
    }

    @Test
    void should_let_one_writer_hold_the_writer_lock_until_it_closes_it_or_its_session_ends() throws Exception {
        PostgresCatalog first = open();
        PostgresCatalog second = open();
        dev.sluice.backend.CatalogStores.WriterLock held = first.tryLockWriter();
        assertThat(held).as("the first writer gets the lock").isNotNull();
        assertThat(second.tryLockWriter())
                .as("refused while the first holds it")
                .isNull();
        assertThat(first.tryLockWriter())
                .as("a second session of the same process is refused too")
                .isNull();
        // the writer lock is not the write lock: budget reservations and run starts go on meanwhile
        assertThat(second.startRun("sync", 1L)).isPositive();
        held.close();
        dev.sluice.backend.CatalogStores.WriterLock next = second.tryLockWriter();
        assertThat(next).as("free once closed").isNotNull();
        next.close();
    }

    @Test
    void should_refuse_a_key_through_one_catalog_when_it_was_revoked_through_the_other() {
        PostgresCatalog server = open();
        PostgresCatalog cli = open();
        ApiKeys.Created created = ApiKeys.create(cli, "alice", List.of("staff"), List.of("query"), 1_000);
        assertThat(ApiKeys.authenticate(server, created.key())).isNotNull();

        assertThat(cli.revokeApiKey(created.record().id(), 2_000)).isTrue();

        assertThat(ApiKeys.authenticate(server, created.key()))
                .as("refused by the other process")
                .isNull();
        assertThat(server.revokeApiKey(created.record().id(), 3_000))
                .as("revoked once")
                .isFalse();
    }
}
