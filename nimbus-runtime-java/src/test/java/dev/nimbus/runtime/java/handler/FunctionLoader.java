package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.joda.time.DateTime;

/**
 * A function's class loader as on an instance: the handler classes ({@code example.*}),
 * aws-lambda-java-events and joda-time come from the function's own jars, everything else
 * (the runtime, aws-lambda-java-core) from the runtime's class path.
 */
final class FunctionLoader extends URLClassLoader {
  private static final List<String> FUNCTION_PACKAGES = List.of(
      "example.", "com.amazonaws.services.lambda.runtime.events.", "org.joda.time.");

  private FunctionLoader(URL[] urls, ClassLoader parent) {
    super("function", urls, parent);
  }

  static FunctionLoader create() {
    return new FunctionLoader(new URL[] {location(FunctionLoader.class),
        location(SQSEvent.class), location(DateTime.class)},
        new HidingParent(FunctionLoader.class.getClassLoader()));
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  /** The runtime's class path without the function's packages. */
  private static final class HidingParent extends ClassLoader {
    HidingParent(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      for (String prefix : FUNCTION_PACKAGES) {
        if (name.startsWith(prefix)) {
          throw new ClassNotFoundException(name);
        }
      }
      return super.loadClass(name, resolve);
    }
  }
}
