package dev.nimbus.runtime.java.json.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nimbus.runtime.java.handler.HandlerLoader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.joda.time.DateTime;
import org.junit.jupiter.api.Test;

/**
 * Event support costs nothing to functions that do not use it: each case runs the runtime in a
 * fresh class loader and looks at which classes that loader defined.
 */
class LazyLoadingTest {
  private static final String EVENTS = "dev.nimbus.runtime.java.json.events.";

  @Test
  void mapHandlerLoadsNeitherJacksonNorEventSupport() throws Exception {
    try (IsolatedRuntime runtime = IsolatedRuntime.create()) {
      assertThat(runtime.invoke("example.MapHandler", "{\"a\":1}")).isEqualTo("\"keys [a]\"");

      assertThat(runtime.defined(ObjectMapper.class.getName())).isFalse();
      assertThat(runtime.defined(EVENTS + "EventModels")).isFalse();
    }
  }

  @Test
  void pojoHandlerDoesNotBuildTheEventMapper() throws Exception {
    try (IsolatedRuntime runtime = IsolatedRuntime.create()) {
      assertThat(runtime.invoke("example.PojoHandler", "{\"name\":\"Ada\",\"times\":1}"))
          .isEqualTo("{\"lines\":[\"hi Ada\"]}");

      assertThat(runtime.defined(ObjectMapper.class.getName())).isTrue();
      assertThat(runtime.defined(EVENTS + "EventMixIns")).isFalse();
      assertThat(runtime.defined(EVENTS + "EventModule")).isFalse();
    }
  }

  @Test
  void sqsHandlerLoadsOnlyWhatSqsNeeds() throws Exception {
    try (IsolatedRuntime runtime = IsolatedRuntime.create()) {
      assertThat(runtime.invoke("example.SqsBatchHandler",
          "{\"Records\":[{\"messageId\":\"m1\",\"body\":\"fail\"}]}"))
          .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}");

      assertThat(runtime.defined(EVENTS + "EventMixIns")).isTrue();
      assertThat(runtime.defined(EVENTS + "S3Notifications")).isFalse();
    }
  }

  /** The runtime, its libraries and the test functions, all defined afresh by one loader. */
  private static final class IsolatedRuntime extends URLClassLoader {
    private IsolatedRuntime(URL[] urls) {
      super("isolated-runtime", urls, ClassLoader.getPlatformClassLoader());
    }

    static IsolatedRuntime create() {
      Class<?>[] anchors = {HandlerLoader.class, LazyLoadingTest.class, RequestHandler.class,
          ObjectMapper.class, JsonParser.class, JsonProperty.class, JavaTimeModule.class,
          Jdk8Module.class, SQSEvent.class, DateTime.class};
      URL[] urls = new URL[anchors.length];
      for (int i = 0; i < anchors.length; i++) {
        urls[i] = anchors[i].getProtectionDomain().getCodeSource().getLocation();
      }
      return new IsolatedRuntime(urls);
    }

    /** Loads {@code handler} as the runtime does and calls it with a null context. */
    String invoke(String handler, String event) throws Exception {
      Object result = loadClass(HandlerLoader.class.getName())
          .getMethod("load", String.class, ClassLoader.class).invoke(null, handler, this);
      Object loaded = result.getClass().getMethod("handler").invoke(result);
      Class<?> context = loadClass("com.amazonaws.services.lambda.runtime.Context");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      loadClass("dev.nimbus.runtime.java.handler.Handler")
          .getMethod("handle", byte[].class, context, OutputStream.class)
          .invoke(loaded, event.getBytes(StandardCharsets.UTF_8), null, out);
      return out.toString(StandardCharsets.UTF_8);
    }

    boolean defined(String className) {
      return findLoadedClass(className) != null;
    }
  }
}
