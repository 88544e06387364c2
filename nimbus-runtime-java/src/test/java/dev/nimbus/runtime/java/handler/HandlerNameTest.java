package dev.nimbus.runtime.java.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandlerNameTest {

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "example.Hello, example.Hello, -",
      "example.Hello::handle, example.Hello, handle",
      "a.B::c::d, a.B::c, d",
      "Hello$Inner::run, Hello$Inner, run"})
  void splitsAtTheLastDoubleColon(String handler, String className, String method) {
    assertThat(HandlerName.parse(handler)).isEqualTo(new HandlerName(className, method));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "::handle", "example.Hello::"})
  void rejectsEmptyParts(String handler) {
    assertThatThrownBy(() -> HandlerName.parse(handler))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
