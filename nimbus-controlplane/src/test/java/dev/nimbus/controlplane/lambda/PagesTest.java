package dev.nimbus.controlplane.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PagesTest {
    private static final List<String> KEYS = IntStream.range(0, 123).mapToObj(i -> "fn-%03d".formatted(i)).toList();

    /** Follows NextMarker to the end, as the SDK paginators do: a null or empty marker ends the walk. */
    private static List<List<String>> walk(List<String> items, Function<String, String> key, String maxItems) {
        List<List<String>> pages = new ArrayList<>();
        String marker = null;
        do {
            Pages.Page<String> page = Pages.page(items, key, marker, maxItems);
            pages.add(page.items());
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return pages;
    }

    private static List<List<String>> walk(List<String> items, String maxItems) {
        return walk(items, Function.identity(), maxItems);
    }

    @Test
    void latestHasAnEmptyKeyButItsMarkerStillLeadsOn() {
        List<String> versions = List.of("$LATEST", "1", "2");

        assertThat(walk(versions, Pages::versionKey, "1")).containsExactly(List.of("$LATEST"), List.of("1"), List.of("2"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"-, 50, 3", "7, 7, 18", "50, 50, 3", "10000, 50, 3", "123, 50, 3", "1, 1, 123"})
    void pagesCoverEveryItemOnceAndNeverExceedFifty(String maxItems, int pageSize, int pageCount) {
        List<List<String>> pages = walk(KEYS, maxItems);

        assertThat(pages).hasSize(pageCount);
        assertThat(pages.getFirst()).hasSize(pageSize);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(KEYS);
    }

    @Test
    void theLastPageHasNoMarkerAndAnEmptyListHasOnePage() {
        assertThat(Pages.page(KEYS.subList(0, 5), Function.identity(), null, null).nextMarker()).isNull();
        assertThat(Pages.page(List.<String>of(), Function.identity(), null, "3"))
                .isEqualTo(new Pages.Page<>(List.of(), null));
    }

    @Test
    void aMarkerStaysValidWhenItemsChangeBetweenPages() {
        var first = Pages.page(KEYS, Function.identity(), null, "10");
        List<String> changed = new ArrayList<>(KEYS);
        changed.remove("fn-009");
        changed.remove("fn-010");
        changed.addFirst("a-new-first");

        var second = Pages.page(changed, Function.identity(), first.nextMarker(), "2");

        assertThat(second.items()).containsExactly("fn-011", "fn-012");
    }

    @Test
    void versionKeysSortLatestFirstThenNumerically() {
        List<String> versions = new ArrayList<>(List.of("10", "$LATEST", "2", "1"));
        versions.sort((a, b) -> Pages.versionKey(a).compareTo(Pages.versionKey(b)));
        assertThat(versions).containsExactly("$LATEST", "1", "2", "10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "10001", "ten"})
    void maxItemsOutsideTheModelRangeIsAValidationError(String maxItems) {
        assertThatThrownBy(() -> Pages.page(KEYS, Function.identity(), null, maxItems))
                .isInstanceOfSatisfying(LambdaErrors.Fault.class, f -> {
                    assertThat(f.type()).isEqualTo("ValidationException");
                    assertThat(f.getMessage()).contains("at 'maxItems'");
                });
    }

    @Test
    void anUndecodableMarkerIsAnInvalidParameter() {
        assertThatThrownBy(() -> Pages.page(KEYS, Function.identity(), "not*base64!", null))
                .isInstanceOfSatisfying(LambdaErrors.Fault.class,
                        f -> assertThat(f.type()).isEqualTo("InvalidParameterValueException"));
    }
}
