package dev.nimbus.core.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class LogExcerptTest {

    @Test
    void aShortLogIsKeptWholeAndPassedOn() {
        var passed = new ArrayList<String>();
        var excerpt = new LogExcerpt(passed::add);
        excerpt.line("START");
        excerpt.line("hello");
        excerpt.line("REPORT");

        assertThat(excerpt.lines()).containsExactly("START", "hello", "REPORT");
        assertThat(passed).containsExactly("START", "hello", "REPORT");
    }

    @Test
    void aLongLogKeepsItsStartAndEndAndSaysHowMuchIsLeftOut() {
        var excerpt = new LogExcerpt(null);
        excerpt.line("START");
        for (int i = 1; i <= 10_000; i++) {
            excerpt.line("line " + i);
        }
        excerpt.line("END");
        excerpt.line("REPORT");

        var lines = excerpt.lines();
        assertThat(lines).hasSize(LogExcerpt.HEAD + LogExcerpt.TAIL + 1);
        assertThat(lines.getFirst()).isEqualTo("START");
        assertThat(lines.get(LogExcerpt.HEAD - 1)).isEqualTo("line 29");
        assertThat(lines.get(LogExcerpt.HEAD)).isEqualTo("… 9,953 lines left out …");
        assertThat(lines.subList(lines.size() - 3, lines.size())).containsExactly("line 10000", "END", "REPORT");
    }

    @Test
    void aLongLineIsCut() {
        var excerpt = new LogExcerpt(null);
        excerpt.line("x".repeat(10_000));

        assertThat(excerpt.lines().getFirst()).hasSize(LogExcerpt.MAX_LINE).endsWith("…");
    }

    @Test
    void aLongLineIsNeverCutInsideACharacter() {
        var excerpt = new LogExcerpt(null);
        excerpt.line("x".repeat(LogExcerpt.MAX_LINE - 2) + "😀".repeat(10)); // the emoji straddles the cut

        String kept = excerpt.lines().getFirst();
        assertThat(kept).endsWith("x…");
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 2))).isFalse();
    }
}
