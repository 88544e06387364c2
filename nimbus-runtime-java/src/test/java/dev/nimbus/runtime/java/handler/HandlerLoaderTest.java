package dev.nimbus.runtime.java.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.runtime.java.failure.UserFault;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandlerLoaderTest {
  private static final ClassLoader LOADER = HandlerLoaderTest.class.getClassLoader();

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = '|', value = {
      "example.HelloHandler                 | {\"name\":\"Ada\",\"x\":[1]} | {\"message\":\"hello Ada\",\"requestId\":\"req-1\"}",
      "example.PojoHandler                  | {\"name\":\"Ada\",\"times\":2,\"Name\":\"x\",\"extra\":true} | {\"lines\":[\"hi Ada\",\"hi Ada\"]}",
      "example.PojoHandler                  | {\"name\":\"Ada\",\"times\":1,\"at\":\"2024-01-02T03:04:05Z\"} | {\"lines\":[\"hi Ada at 2024-01-02T03:04:05Z\"]}",
      "example.StreamEcho                   | {\"raw\":1}                | echo:{\"raw\":1}",
      "example.ListThroughBase              | [1,\"a\"]                  | \"got ArrayList [1, a]\"",
      "example.Methods::upper               | \"abc\"                    | \"ABC\"",
      "example.Methods::overloaded          | \"x\"                      | \"event and context req-1\"",
      "example.Methods::nothing             | {}                         | null",
      "example.Methods::twice               | 21                         | 42",
      "example.Methods::pojo                | {\"name\":\"n\",\"times\":1} | {\"name\":\"n\",\"times\":2}",
      "example.Methods::copy                | {\"a\":1}                  | [{\"a\":1}]",
      "example.Methods::readOnly            | {\"ignored\":1}            | null",
      "example.Methods::requestId           | {}                         | \"req-1\"",
      "example.Methods::noArgs              | {}                         | \"none\""})
  void loadsAndCallsEveryHandlerKind(String handler, String event, String expected)
      throws Throwable {
    assertThat(invoke(ready(handler), event)).isEqualTo(expected);
  }

  @Test
  void createsOneInstanceAtLoadAndNoneForStaticMethods() throws Throwable {
    int before = example.Methods.instances;
    Handler upper = ready("example.Methods::upper");
    assertThat(example.Methods.instances).isEqualTo(before + 1);
    invoke(upper, "\"a\"");
    invoke(upper, "\"b\"");
    assertThat(example.Methods.instances).isEqualTo(before + 1);
    ready("example.Methods::twice");
    assertThat(example.Methods.instances).isEqualTo(before + 1);
  }

  @Test
  void missingClassFailsEveryInvocationWithoutEndingTheInstance() {
    Handler handler = ready("example.DoesNotExist::handle");
    assertThatThrownBy(() -> invoke(handler, "{}"))
        .isInstanceOfSatisfying(UserFault.class, f -> {
          assertThat(f.fatal()).isFalse();
          assertThat(f.errorType()).isEqualTo("java.lang.ClassNotFoundException");
        })
        .hasMessage("Class not found: example.DoesNotExist");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "example::            | Invalid handler: `example::'",
      "example.NotAHandler  | Class does not implement an appropriate handler interface: example.NotAHandler",
      "example.NotAHandler::missing | No public method named missing with appropriate method signature found on class example.NotAHandler",
      "example.NoDefaultConstructor | Class example.NoDefaultConstructor has no public zero-argument constructor",
      "example.Unbound      | Class example.Unbound does not implement RequestHandler with concrete type parameters: parameter T has no upper bound."})
  void reportsBadFunctionCodeOnEachInvocation(String handler, String message) {
    Handler loaded = ready(handler);
    assertThatThrownBy(() -> invoke(loaded, "{}"))
        .isInstanceOfSatisfying(UserFault.class, f -> assertThat(f.fatal()).isFalse())
        .hasMessage(message);
  }

  @Test
  void staticInitializerFailureIsAnInitError() {
    UserFault fault = initFailure("example.StaticInitFails");
    assertThat(fault.getMessage()).isEqualTo("Error loading class example.StaticInitFails");
    assertThat(fault.errorType()).isEqualTo("java.lang.ExceptionInInitializerError");
    assertThat(fault.reportableError()).contains("static init failed");
  }

  @Test
  void throwingConstructorIsAnInitError() {
    UserFault fault = initFailure("example.ConstructorThrows");
    assertThat(fault.getMessage()).isEqualTo("no config");
    assertThat(fault.errorType()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void wrapsEventParsingFailures() {
    Handler handler = ready("example.Methods::twice");
    assertThatThrownBy(() -> invoke(handler, "{\"not\":\"a number\"}"))
        .isInstanceOf(RuntimeException.class)
        .hasMessage("An error occurred during JSON parsing")
        .cause().hasMessageContaining("Integer");
  }

  @Test
  void handlerExceptionsPropagateUnwrapped() {
    Handler handler = ready("example.Methods::boom");
    assertThatThrownBy(() -> invoke(handler, "\"now\""))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("boom: now");
  }

  private static Handler ready(String handler) {
    LoadResult result = HandlerLoader.load(handler, LOADER);
    assertThat(result).isInstanceOf(LoadResult.Ready.class);
    return ((LoadResult.Ready) result).handler();
  }

  private static UserFault initFailure(String handler) {
    LoadResult result = HandlerLoader.load(handler, LOADER);
    assertThat(result).isInstanceOf(LoadResult.InitFailure.class);
    UserFault fault = ((LoadResult.InitFailure) result).fault();
    assertThat(fault.fatal()).isTrue();
    return fault;
  }

  private static String invoke(Handler handler, String event) throws Throwable {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handle(event.getBytes(StandardCharsets.UTF_8), new StubContext("req-1"), out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
