package dev.nimbus.runtime.java.handler;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class loader of the function's code, as the AWS Java runtime builds it over the task root
 * ({@code LAMBDA_TASK_ROOT}, the process's working directory): the directory itself, then
 * {@code lib/*.jar}, then {@code *.jar} at the top (so an upload that is a zip of jars works), each
 * group sorted by name. The parent is the system loader, so {@code aws-lambda-java-core} always
 * comes from the runtime jar.
 *
 * <p>The loader has no name, as on AWS: a named loader prefixes every frame of the function's
 * classes in stack traces ({@code function//example.Handler.handleRequest(Handler.java:12)}), and
 * those frames reach callers in the {@code stackTrace} of error documents.
 */
public final class CustomerClassLoader {

  private CustomerClassLoader() {}

  public static URLClassLoader create(File taskRoot, ClassLoader parent) {
    return new URLClassLoader(urls(taskRoot), parent);
  }

  /** The class path in search order. */
  public static URL[] urls(File taskRoot) {
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(directoryUrl(taskRoot));
      addJars(new File(taskRoot, "lib"), urls);
      addJars(taskRoot, urls);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Task root is not a usable path: " + taskRoot, e);
    }
    return urls.toArray(new URL[0]);
  }

  private static URL directoryUrl(File dir) throws MalformedURLException {
    String path = dir.getAbsoluteFile().toURI().toString();
    return URI.create(path.endsWith("/") ? path : path + "/").toURL();
  }

  private static void addJars(File dir, List<URL> urls) throws MalformedURLException {
    String[] names = dir.list();
    if (names == null) {
      return;
    }
    Arrays.sort(names);
    for (String name : names) {
      if (name.length() > 4 && name.endsWith(".jar")) {
        File jar = new File(dir, name);
        if (jar.isFile()) {
          urls.add(jar.getAbsoluteFile().toURI().toURL());
        }
      }
    }
  }
}
