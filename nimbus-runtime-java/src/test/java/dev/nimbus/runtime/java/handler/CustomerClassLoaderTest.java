package dev.nimbus.runtime.java.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerClassLoaderTest {

  @Test
  void searchesTheRootThenLibJarsThenTopLevelJarsEachSorted(@TempDir Path root)
      throws IOException {
    Files.createDirectories(root.resolve("lib"));
    for (String name : new String[] {"lib/b.jar", "lib/a.jar", "lib/notes.txt", "z.jar", "m.jar",
        "Handler.class", ".jar"}) {
      Files.writeString(root.resolve(name), "");
    }
    Files.createDirectories(root.resolve("dir.jar"));

    URL[] urls = CustomerClassLoader.urls(root.toFile());

    String base = root.toFile().getAbsoluteFile().toURI().toString();
    assertThat(Arrays.stream(urls).map(URL::toString))
        .containsExactly(base, base + "lib/a.jar", base + "lib/b.jar", base + "m.jar",
            base + "z.jar");
  }

  @Test
  void worksWithoutALibDirectory(@TempDir Path root) {
    assertThat(CustomerClassLoader.urls(root.toFile())).hasSize(1);
  }

  @Test
  void loadsFunctionClassesFromTheRootAndDelegatesToTheRuntimeFirst(@TempDir Path root)
      throws Exception {
    try (var loader = CustomerClassLoader.create(root.toFile(), getClass().getClassLoader())) {
      assertThat(loader.loadClass("com.amazonaws.services.lambda.runtime.Context"))
          .isSameAs(com.amazonaws.services.lambda.runtime.Context.class);
      assertThat(new File(loader.getURLs()[0].toURI())).isEqualTo(root.toFile());
    }
  }

  @Test
  void framesOfFunctionClassesCarryNoLoaderName(@TempDir Path root) throws Exception {
    Path classFile = root.resolve("example/Where.class");
    Files.createDirectories(classFile.getParent());
    try (var in = getClass().getResourceAsStream("/example/Where.class")) {
      Files.write(classFile, in.readAllBytes());
    }
    try (var loader = CustomerClassLoader.create(root.toFile(),
        ClassLoader.getPlatformClassLoader())) {
      Class<?> where = loader.loadClass("example.Where");
      assertThat(where.getClassLoader()).isSameAs(loader);
      assertThat(where.getMethod("frame").invoke(null)).asString()
          .startsWith("example.Where.frame(Where.java:");
    }
  }
}
