package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NicenessTest {
    @Test
    void should_lower_only_the_calling_thread_and_pass_it_to_the_threads_it_starts() throws Exception {
        assumeTrue(Niceness.supported(), "thread priorities are lowered on Linux only");
        int process = Niceness.ofCurrentThread().orElseThrow();
        assumeTrue(process <= Niceness.LOWEST - 5, "the test process already runs at nice " + process);
        AtomicReference<Integer> lowered = new AtomicReference<>();
        AtomicReference<Integer> child = new AtomicReference<>();
        AtomicReference<Integer> poolWorker = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            lowered.set(Niceness.lowerCurrentThread(5).orElseThrow());
            Thread started = Thread.ofPlatform()
                    .start(() -> child.set(Niceness.ofCurrentThread().orElseThrow()));
            ExecutorService pool = Executors.newFixedThreadPool(1);
            try {
                pool.submit(() -> poolWorker.set(Niceness.ofCurrentThread().orElseThrow()))
                        .get();
                started.join();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdown();
            }
        });
        worker.join();

        assertThat(lowered.get()).isEqualTo(process + 5);
        assertThat(child.get()).as("a thread started by a lowered thread").isEqualTo(process + 5);
        assertThat(poolWorker.get())
                .as("a pool thread created by a lowered thread")
                .isEqualTo(process + 5);
        assertThat(Niceness.ofCurrentThread()).as("the caller is untouched").contains(process);
    }

    @Test
    void should_stop_at_the_lowest_priority() throws Exception {
        assumeTrue(Niceness.supported(), "thread priorities are lowered on Linux only");
        AtomicReference<Integer> twice = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            Niceness.lowerCurrentThread(Niceness.LOWEST);
            twice.set(Niceness.lowerCurrentThread(Niceness.LOWEST).orElseThrow());
        });
        worker.join();
        assertThat(twice.get()).isEqualTo(Niceness.LOWEST);
    }

    @Test
    void should_move_a_thread_to_the_idle_class_at_twenty_and_its_children_with_it() throws Exception {
        assumeTrue(Niceness.supported(), "thread priorities are lowered on Linux only");
        AtomicReference<Boolean> idle = new AtomicReference<>();
        AtomicReference<Boolean> child = new AtomicReference<>();
        AtomicReference<Integer> nice = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            nice.set(Niceness.lowerCurrentThread(Niceness.IDLE).orElseThrow());
            idle.set(Niceness.currentThreadIsIdle());
            Thread started = Thread.ofPlatform().start(() -> child.set(Niceness.currentThreadIsIdle()));
            try {
                started.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.join();
        assertThat(nice.get()).isEqualTo(Niceness.LOWEST);
        assertThat(idle.get()).isTrue();
        assertThat(child.get()).as("a thread started by an idle thread").isTrue();
        assertThat(Niceness.currentThreadIsIdle()).as("the caller is untouched").isFalse();
    }

    @Test
    void should_refuse_a_niceness_outside_zero_to_twenty() {
        assertThatThrownBy(() -> Niceness.lowerCurrentThread(21))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("niceness")
                .hasMessageContaining("21");
    }
}
