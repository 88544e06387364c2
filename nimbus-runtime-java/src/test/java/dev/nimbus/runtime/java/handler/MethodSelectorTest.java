package dev.nimbus.runtime.java.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MethodSelectorTest {

  /** One public method per case, all named {@code handle}; the table says what is chosen. */
  @SuppressWarnings("unused")
  public static class Shapes {
    public static class AllStreams {
      public void handle(InputStream in, OutputStream out, Context c) {}
      public void handle(InputStream in, OutputStream out) {}
      public String handle(String event, Context c) { return null; }
    }

    public static class EventAndContextBeatsTwoStreams {
      public void handle(InputStream in, OutputStream out) {}
      public String handle(String event, Context c) { return null; }
    }

    public static class ContextAloneBeatsEventAlone {
      public String handle(String event) { return null; }
      public String handle(Context c) { return null; }
    }

    public static class InvalidShapesSkipped {
      public String handle(Context c, String event) { return null; }
      public String handle(String a, String b) { return null; }
      public String handle(String a, String b, String c, String d) { return null; }
      public String handle(InputStream in, String notOut) { return null; }
      public String handle(String event) { return null; }
    }

    public static class OutputAndContext {
      public void handle(OutputStream out, Context c) {}
      public void handle(OutputStream out) {}
    }

    public static class InputAndContext {
      public void handle(InputStream in, Context c) {}
      public void handle(InputStream in) {}
    }

    public static class NoArgs {
      public String handle() { return null; }
    }

    public static class NothingValid {
      public String handle(Context c, String event) { return null; }
    }
  }

  static List<Object[]> cases() {
    return List.of(
        new Object[] {Shapes.AllStreams.class, "(InputStream,OutputStream,Context) stream"},
        new Object[] {Shapes.EventAndContextBeatsTwoStreams.class, "(String,Context) object"},
        new Object[] {Shapes.ContextAloneBeatsEventAlone.class, "(Context) object"},
        new Object[] {Shapes.InvalidShapesSkipped.class, "(String) object"},
        new Object[] {Shapes.OutputAndContext.class, "(OutputStream,Context) stream"},
        new Object[] {Shapes.InputAndContext.class, "(InputStream,Context) stream"},
        new Object[] {Shapes.NoArgs.class, "() object"});
  }

  @ParameterizedTest
  @MethodSource("cases")
  void picksTheHighestPrioritySupportedSignature(Class<?> type, String expected) {
    MethodSignature chosen = MethodSelector.select(type.getMethods(), "handle");
    assertThat(describe(chosen)).isEqualTo(expected);
  }

  @Test
  void answersNullWhenNoOverloadIsSupported() {
    assertThat(MethodSelector.select(Shapes.NothingValid.class.getMethods(), "handle")).isNull();
    assertThat(MethodSelector.select(Shapes.NoArgs.class.getMethods(), "missing")).isNull();
  }

  @Test
  void prefersTheNonBridgeMethodOfAGenericOverride() {
    Method[] subclass = Bridged.class.getMethods();
    assertThat(Arrays.stream(subclass).filter(m -> m.getName().equals("handleRequest")))
        .anyMatch(Method::isBridge);
    MethodSignature chosen = MethodSelector.select(subclass, "handleRequest");
    assertThat(chosen.method().isBridge()).isFalse();
    assertThat(chosen.eventType()).isEqualTo(Integer.class);
  }

  @Test
  void classifiesEventTypeAndContextFlags() throws Exception {
    MethodSignature s = MethodSelector.classify(
        Shapes.EventAndContextBeatsTwoStreams.class.getMethod("handle", String.class, Context.class));
    assertThat(s.stream()).isFalse();
    assertThat(s.input()).isTrue();
    assertThat(s.context()).isTrue();
    assertThat(s.eventType()).isEqualTo(String.class);
  }

  public static class Bridged extends example.GenericBase<Integer> {
    @Override
    public String handleRequest(Integer event, Context context) {
      return "bridged";
    }
  }

  private static String describe(MethodSignature s) {
    if (s == null) {
      return "none";
    }
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : s.method().getParameterTypes()) {
      sb.append(sb.length() > 1 ? "," : "").append(p.getSimpleName());
    }
    return sb.append(") ").append(s.stream() ? "stream" : "object").toString();
  }
}
