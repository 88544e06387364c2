package dev.nimbus.runtime.java.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.nimbus.runtime.java.failure.UserFault;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHandlerTypesTest {

  interface Mapper<A> extends RequestHandler<A, Map<String, A>> {}

  static class ThroughInterface implements Mapper<Long> {
    @Override
    public Map<String, Long> handleRequest(Long input, Context context) {
      return null;
    }
  }

  abstract static class Middle<X, Y> extends example.GenericBase<Y> {}

  static class SwappedVariables extends Middle<String, Double> {}

  static class Bounded<T extends Number> implements RequestHandler<T, String> {
    @Override
    public String handleRequest(T input, Context context) {
      return null;
    }
  }

  @Test
  void readsDirectTypeArguments() {
    assertThat(names(RequestHandlerTypes.resolve(example.HelloHandler.class)))
        .containsExactly("java.util.Map<java.lang.String, java.lang.Object>",
            "java.util.Map<java.lang.String, java.lang.Object>");
  }

  @Test
  void substitutesVariablesBoundBySubclasses() {
    assertThat(names(RequestHandlerTypes.resolve(example.ListThroughBase.class)))
        .containsExactly("java.util.List<java.lang.Object>", "java.lang.String");
    assertThat(names(RequestHandlerTypes.resolve(SwappedVariables.class)))
        .containsExactly("java.lang.Double", "java.lang.String");
  }

  @Test
  void followsSubInterfacesOfRequestHandler() {
    Type[] types = RequestHandlerTypes.resolve(ThroughInterface.class);
    assertThat(types[0]).isEqualTo(Long.class);
  }

  @Test
  void keepsBoundedVariablesForTheirBound() {
    assertThat(names(RequestHandlerTypes.resolve(Bounded.class)))
        .containsExactly("T", "java.lang.String");
  }

  @Test
  void faultsRawAndUnboundedHandlers() {
    assertThatThrownBy(() -> RequestHandlerTypes.resolve(example.RawHandler.class))
        .isInstanceOfSatisfying(UserFault.class, f -> assertThat(f.fatal()).isFalse())
        .hasMessage("Class example.RawHandler does not implement RequestHandler with concrete"
            + " type parameters");
    assertThatThrownBy(() -> RequestHandlerTypes.resolve(example.Unbound.class))
        .hasMessage("Class example.Unbound does not implement RequestHandler with concrete type"
            + " parameters: parameter T has no upper bound.");
  }

  private static List<String> names(Type[] types) {
    return java.util.Arrays.stream(types).map(Type::getTypeName).toList();
  }
}
