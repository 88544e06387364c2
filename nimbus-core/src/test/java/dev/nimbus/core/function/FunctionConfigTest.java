package dev.nimbus.core.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {

    FunctionConfig config(Runtime runtime, String handler, int memory, int timeout, Map<String, String> env) {
        return new FunctionConfig(runtime, handler, memory, timeout, env, "", 100, "", "", PayloadFormat.V2, null, false);
    }

    @ParameterizedTest
    @CsvSource({
        "python3, app.handler", "python3, pkg.sub.mod.fn", "python3, dir/mod.fn",
        "nodejs, index.handler", "nodejs, src/app.handlers.main",
        "java, com.example.Handler", "java, com.example.Handler::handle",
        "provided, anything goes here",
    })
    void acceptsTheHandlerFormsOfEachRuntime(String runtime, String handler) {
        assertThat(config(Runtime.of(runtime), handler, 128, 3, Map.of()).handler()).isEqualTo(handler);
    }

    @ParameterizedTest
    @CsvSource({"python3, nodot", "python3, app.", "nodejs, ../up.handler", "nodejs, index", "java, com.example.", "java, ::x"})
    void refusesMalformedHandlersNamingTheForm(String runtime, String handler) {
        assertThatThrownBy(() -> config(Runtime.of(runtime), handler, 128, 3, Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("handler must have the form")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("handler");
    }

    @Test
    void boundsAreCheckedWithTheValueAndRange() {
        assertThatThrownBy(() -> config(Runtime.PYTHON3, "a.b", 127, 3, Map.of()))
                .hasMessage("memoryMb must be between 128 and 10240, was 127");
        assertThatThrownBy(() -> config(Runtime.PYTHON3, "a.b", 10241, 3, Map.of())).hasMessageContaining("10241");
        assertThatThrownBy(() -> config(Runtime.PYTHON3, "a.b", 128, 0, Map.of()))
                .hasMessage("timeoutSeconds must be between 1 and 900, was 0");
        assertThatThrownBy(() -> config(Runtime.PYTHON3, "a.b", 128, 901, Map.of())).hasMessageContaining("901");
        assertThat(config(Runtime.PYTHON3, "a.b", 10240, 900, Map.of()).memoryMb()).isEqualTo(10240);
    }

    @Test
    void environmentKeysAndTotalSizeAreChecked() {
        assertThatThrownBy(() -> config(Runtime.PYTHON3, "a.b", 128, 3, Map.of("1BAD", "x")))
                .hasMessageContaining("keys must match");
        assertThatThrownBy(() -> config(Runtime.PYTHON3, "a.b", 128, 3, Map.of("BIG", "x".repeat(4100))))
                .hasMessageContaining("at most 4096 bytes");
        assertThatThrownBy(() -> config(Runtime.PYTHON3, "a.b", 128, 3, Map.of("NUL", "a\0b")))
                .as("a process environment cannot hold it").hasMessageContaining("without NUL");
        assertThat(config(Runtime.PYTHON3, "a.b", 128, 3, Map.of("BB", "2", "AA", "1")).environment().keySet())
                .containsExactly("AA", "BB");
    }

    @Test
    void unknownRuntimeNamesTheAllowedOnes() {
        assertThatThrownBy(() -> Runtime.of("cobol"))
                .hasMessage("runtime must be one of python3, nodejs, java, provided, was 'cobol'");
    }

    @Test
    void functionNamesFollowLambda() {
        assertThat(FunctionName.isValid("orders-v2_x")).isTrue();
        assertThat(FunctionName.isValid("a".repeat(65))).isFalse();
        assertThat(FunctionName.isValid("a/b")).isFalse();
        assertThat(FunctionName.isValid("")).isFalse();
    }
}
