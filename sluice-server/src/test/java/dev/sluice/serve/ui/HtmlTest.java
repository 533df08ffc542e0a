package dev.sluice.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void should_escape_every_value_that_is_not_markup_made_by_the_same_method() {
        Html.Safe inner = Html.of("<b>{}</b>", "<i>&'\"");
        assertThat(Html.of("<p title=\"{}\">{}</p>{}", "\"><script>", inner, null)
                        .markup())
                .isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;\"><b>&lt;i&gt;&amp;&#39;&quot;</b></p>");
    }

    @Test
    void should_refuse_a_template_whose_holes_and_values_differ_in_number() {
        assertThatThrownBy(() -> Html.of("<p>{}</p>")).hasMessageContaining("more holes");
        assertThatThrownBy(() -> Html.of("<p></p>", "x")).hasMessageContaining("1 values given for 0 holes");
    }

    @Test
    void should_escape_table_cells_and_show_the_note_for_no_rows() {
        assertThat(Html.table("none", List.of("a<"), List.of(List.of("<x>", Html.of("<b>{}</b>", 1))))
                        .markup())
                .contains("<th>a&lt;</th>", "<td>&lt;x&gt;</td>", "<td><b>1</b></td>");
        assertThat(Html.table("none <yet>", List.of("a"), List.of()).markup())
                .isEqualTo("<p class=\"note\">none &lt;yet&gt;</p>");
    }
}
