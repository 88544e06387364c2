package dev.nimbus.core.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UTF-8 byte order of keys and the first key past a prefix, at the edges of Unicode. */
class KeyOrderTest {
    static final String MAX = "\uDBFF\uDFFF"; // U+10FFFF
    static final String EMOJI = "\uD83D\uDE00"; // U+1F600

    @Test
    void keysSortByCodePointNotByUtf16Unit() {
        List<String> keys = new ArrayList<>(List.of(EMOJI, "\uFFFD", "b", "a", "a/"));
        keys.sort(KeyOrder::compare);

        assertThat(keys).containsExactly("a", "a/", "b", "\uFFFD", EMOJI);
    }

    @Test
    void theSuccessorOfAPrefixSortsAfterEveryKeyWithItAndBeforeAnyOther() {
        assertThat(KeyOrder.successor("a/")).isEqualTo("a0");
        assertThat(KeyOrder.successor("a" + MAX)).isEqualTo("b");
        assertThat(KeyOrder.successor("a" + MAX + MAX)).isEqualTo("b");
        assertThat(KeyOrder.successor("\uD7FF")).as("no surrogate in between").isEqualTo("\uE000");
        assertThat(KeyOrder.successor("\uFFFF")).isEqualTo("\uD800\uDC00");
        assertThat(KeyOrder.successor("x" + EMOJI)).isEqualTo("x\uD83D\uDE01");
        assertThat(KeyOrder.successor("")).isNull();
        assertThat(KeyOrder.successor(MAX)).isNull();

        String prefix = "a" + MAX;
        String next = KeyOrder.successor(prefix);
        for (String key : List.of(prefix, prefix + MAX + MAX, prefix + "z", prefix + EMOJI)) {
            assertThat(KeyOrder.compare(key, next)).as(key).isNegative();
        }
        assertThat(KeyOrder.compare("b", next)).isZero();
    }

    @Test
    void aLoneSurrogateIsNotWellFormed() {
        assertThat(KeyOrder.wellFormed("a/" + EMOJI)).isTrue();
        assertThat(KeyOrder.wellFormed("a/\uD83D")).isFalse();
    }
}
