package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogTest {
    @Test
    void should_keep_a_sane_client_request_id_and_replace_any_other_with_a_random_one() {
        assertThat(AccessLog.requestId("abc-123")).isEqualTo("abc-123");
        assertThat(AccessLog.requestId("A.b_C-9")).isEqualTo("A.b_C-9");
        String longest = "x".repeat(128);
        assertThat(AccessLog.requestId(longest)).isEqualTo(longest);
        for (String insane : new String[] {null, "", "x".repeat(129), "has space", "a\nb", "ünï", "id;drop", "a/b"}) {
            assertThat(AccessLog.requestId(insane))
                    .as("offered %s", insane)
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
        assertThat(AccessLog.requestId(null)).isNotEqualTo(AccessLog.requestId(null));
    }

    @Test
    void should_mask_query_values_that_name_or_hold_a_secret() {
        assertThat(AccessLog.redacted(null)).isNull();
        assertThat(AccessLog.redacted("")).isNull();
        assertThat(AccessLog.redacted("q=tides&mode=bm25&k=5")).isEqualTo("q=tides&mode=bm25&k=5");
        assertThat(AccessLog.redacted("q=tides&api_key=s3cr3t&access_token=t0k&Password=pw&wait"))
                .isEqualTo("q=tides&api_key=***&access_token=***&Password=***&wait");
        assertThat(AccessLog.redacted("q=sk_sluice_0011223344556677_secret&x=1"))
                .isEqualTo("q=***&x=1");
    }
}
