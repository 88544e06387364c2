package dev.nimbus.store.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.code.InvalidCodeException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNamesTest {

    @ParameterizedTest
    @CsvSource({
            "app.py, app.py",
            "src/app.py, src/app.py",
            "./src//lib/../app.py, src/app.py",
            "dir/, dir",
            "./, ''",
            "a/b/../../c, c",
    })
    void normalisesNamesInsideTheRoot(String raw, String expected) {
        assertThat(EntryNames.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "a/../../evil", "/etc/passwd", "C:/evil", "c:evil", "a\\..\\..\\evil",
            "bad\0name", "", "..", "./.."})
    void refusesNamesThatAreAbsoluteOrClimbOut(String raw) {
        assertThatThrownBy(() -> EntryNames.normalize(raw)).isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void listsAncestors() {
        assertThat(EntryNames.ancestors("a/b/c")).containsExactly("a", "a/b");
        assertThat(EntryNames.ancestors("top")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "node_modules/.bin/tsc, ../typescript/bin/tsc, true",
            "link, ., true",
            "a/link, ../b, true",
            "link, .., false",
            "a/link, ../../etc, false",
            "link, /etc/passwd, false",
    })
    void checksASingleSymlink(String link, String target, boolean inside) {
        assertThat(EntryNames.staysInside(link, Map.of(link, target))).isEqualTo(inside);
    }

    @Test
    void followsOtherSymlinksOfTheArchiveWhileResolving() {
        // Lexically a/.. is the root; on disk a -> . makes it the root's parent.
        assertThat(EntryNames.staysInside("b", Map.of("a", ".", "b", "a/.."))).isFalse();
        assertThat(EntryNames.staysInside("b", Map.of("a", "d/e", "b", "a/../x"))).isTrue();
        assertThat(EntryNames.staysInside("loop1", Map.of("loop1", "loop2", "loop2", "loop1"))).isFalse();
        assertThat(EntryNames.staysInside("b", Map.of("a", "/etc", "b", "a/passwd"))).isFalse();
    }
}
