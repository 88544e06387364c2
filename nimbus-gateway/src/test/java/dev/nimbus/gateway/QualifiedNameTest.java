package dev.nimbus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionState;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualifiedNameTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "orders, orders, null",
        "orders:, orders, null",
        "orders:$LATEST, orders, $LATEST",
        "orders:7, orders, 7",
        "orders:live, orders, live",
    })
    void splitsAtTheFirstColon(String ref, String name, String qualifier) {
        assertThat(QualifiedName.parse(ref)).isEqualTo(new QualifiedName(name, qualifier));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a:b:c", "orders::live", "''", ":live", "bad name", "orders:bad!", "orders:a/b"})
    void anInvalidReferenceIsA400NotALookup(String ref) {
        assertThatThrownBy(() -> QualifiedName.parse(ref))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code().status()).isEqualTo(400))
                .hasMessageStartingWith("Invalid function reference '" + ref + "'");
    }

    /** Knows one function, "orders", and resolves nothing. */
    static final FunctionCatalog ONLY_ORDERS_EXISTS = new FunctionCatalog() {
        @Override
        public Optional<FunctionState> state(String name) {
            return name.equals("orders") ? Optional.of(new FunctionState(null, java.util.List.of(), java.util.List.of(),
                    null, java.util.List.of())) : Optional.empty();
        }

        @Override
        public Optional<Target> resolve(String name, String qualifier) {
            return Optional.empty();
        }

        @Override
        public Optional<dev.nimbus.core.function.FunctionUrl> url(String urlId) {
            return Optional.empty();
        }
    };

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nope|Function not found: nope",
        "nope:3|Function not found: nope",
        "orders:7|Function version not found: orders:7",
        "orders:live|Alias not found: orders:live",
    })
    void whatIsMissingIsNamed(String ref, String message) {
        assertThatThrownBy(() -> QualifiedName.parse(ref).resolveIn(ONLY_ORDERS_EXISTS))
                .isInstanceOf(ApiException.class).hasMessage(message);
    }

    @Test
    void versionNumbersAreDigits() {
        assertThat(QualifiedName.isVersionNumber("12")).isTrue();
        assertThat(QualifiedName.isVersionNumber("v1")).isFalse();
        assertThat(QualifiedName.isVersionNumber("$LATEST")).isFalse();
    }
}
