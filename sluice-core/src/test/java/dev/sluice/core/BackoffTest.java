package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.Seeds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void should_wait_between_half_and_all_of_the_doubled_delay_for_each_attempt() {
        long seed = Seeds.seed("BackoffTest");
        Random random = new Random(seed);
        Backoff backoff = Backoff.doubling(500);
        for (int attempt = 0; attempt < 30; attempt++) {
            long full = 500L << Math.min(attempt, 20);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delayMillis(attempt, 0, random))
                        .as("attempt %d, %s", attempt, Seeds.describe(seed))
                        .isBetween(full / 2, full);
            }
        }
    }

    @Test
    void should_stop_doubling_at_the_cap() {
        long seed = Seeds.seed("BackoffTest.cap");
        Random random = new Random(seed);
        Backoff backoff = new Backoff(100, 1_000);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayMillis(10, 0, random))
                    .as(Seeds.describe(seed))
                    .isBetween(500L, 1_000L);
        }
    }

    @Test
    void should_wait_at_least_what_the_server_asks() {
        long seed = Seeds.seed("BackoffTest.retryAfter");
        Random random = new Random(seed);
        Backoff backoff = Backoff.doubling(100);

        assertThat(backoff.delayMillis(0, 5_000, random))
                .as(Seeds.describe(seed))
                .isEqualTo(5_000);
        assertThat(backoff.delayMillis(10, 5_000, random))
                .as("the own delay when it is longer, " + Seeds.describe(seed))
                .isBetween(51_200L, 102_400L);
    }

    @Test
    void should_retry_at_once_with_a_zero_base() {
        assertThat(Backoff.doubling(0).delayMillis(5, 0)).isZero();
    }

    @Test
    void should_saturate_instead_of_overflowing_for_huge_delays() {
        assertThat(Backoff.doubling(Long.MAX_VALUE / 4).delayMillis(20, 0)).isPositive();
    }

    @Test
    void should_refuse_a_negative_base_a_cap_below_the_base_and_a_negative_attempt() {
        assertThatThrownBy(() -> new Backoff(-1, 10)).hasMessageContaining("baseMillis must be >= 0, got -1");
        assertThatThrownBy(() -> new Backoff(100, 10))
                .hasMessageContaining("capMillis must be >= baseMillis (100), got 10");
        assertThatThrownBy(() -> Backoff.doubling(1).delayMillis(-1, 0)).hasMessageContaining("got -1");
    }

    @Test
    void should_read_retry_after_in_seconds() {
        assertThat(Backoff.retryAfterMillis("2")).isEqualTo(2_000);
        assertThat(Backoff.retryAfterMillis(" 0 ")).isZero();
        assertThat(Backoff.retryAfterMillis("-5")).as("negative is no wait").isZero();
    }

    @Test
    void should_read_retry_after_as_an_http_date_counted_from_now() {
        long now = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(now + 30_000).atOffset(ZoneOffset.UTC));
        String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(now - 30_000).atOffset(ZoneOffset.UTC));

        assertThat(Backoff.retryAfterMillis(later, now)).isEqualTo(30_000);
        assertThat(Backoff.retryAfterMillis(earlier, now))
                .as("a date in the past")
                .isZero();
        assertThat(Backoff.retryAfterMillis("Thu, 01 Jan 2026 00:00:10 GMT", now))
                .isEqualTo(10_000);
    }

    @Test
    void should_read_an_absent_or_unreadable_retry_after_as_no_wait() {
        assertThat(Backoff.retryAfterMillis(null)).isZero();
        assertThat(Backoff.retryAfterMillis("  ")).isZero();
        assertThat(Backoff.retryAfterMillis("soon")).isZero();
        assertThat(Backoff.retryAfterMillis("1.5")).isZero();
    }
}
