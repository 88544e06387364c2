import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * Cold start of the Java runtime: spawns {@code java ... Bootstrap <handler>} against a loopback
 * fake Runtime API and measures, from just before {@code ProcessBuilder.start()}, the arrival of
 * the first {@code GET /next} and of the first response POST. Variants run interleaved so that
 * machine noise spreads evenly. Not a test: it prints figures.
 *
 * <pre>
 * java bench/runtime-java/ColdStart.java [--jar target/nimbus-runtime-java.jar] [--runs 15]
 *      [--handler hello|pojo] [--aot] [--variant name='extra flags']...
 * </pre>
 *
 * {@code --aot} first trains two AOT caches with {@code dev.nimbus.runtime.java.training.Training}
 * (all handler kinds, and plain-only) and adds variants that use them.
 */
public class ColdStart {
  static final String BASE_FLAGS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxRAM=128m";

  static final String HELLO = """
      package bench;
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;
      public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
          return Map.of("message", "hello " + event.get("name"));
        }
      }
      """;

  static final String POJO = """
      package bench;
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      public class Pojo implements RequestHandler<Pojo.In, Pojo.Out> {
        public static class In { private String name; public String getName() { return name; }
          public void setName(String name) { this.name = name; } }
        public static class Out { private final String message; Out(String m) { message = m; }
          public String getMessage() { return message; } }
        public Out handleRequest(In event, Context context) { return new Out("hello " + event.getName()); }
      }
      """;

  static final String EMPTY_MAIN = """
      package bench;
      public class Main {
        public static void main(String[] args) {}
      }
      """;

  record Sample(double toNextMs, double toResponseMs) {}

  public static void main(String[] args) throws Exception {
    String jar = "nimbus-runtime-java/target/nimbus-runtime-java.jar";
    int runs = 15;
    String handler = "hello";
    boolean aot = false;
    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("default", "");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jar" -> jar = args[++i];
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--handler" -> handler = args[++i];
        case "--aot" -> aot = true;
        case "--variant" -> {
          String[] kv = args[++i].split("=", 2);
          variants.put(kv[0], kv[1]);
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path runtimeJar = Path.of(jar).toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path work = Files.createTempDirectory("coldstart");
    Path task = work.resolve("task");
    compile(runtimeJar, task);
    if (aot) {
      variants.put("aot-all", "-XX:AOTCache=" + train(java, runtimeJar, work, "all"));
      variants.put("aot-plain", "-XX:AOTCache=" + train(java, runtimeJar, work, "plain"));
    }
    String handlerClass = handler.equals("pojo") ? "bench.Pojo" : "bench.Hello";
    String payload = "{\"name\":\"Ada\"}";

    double[] baseline = new double[runs];
    for (int i = -2; i < runs; i++) {
      List<String> cmd = new ArrayList<>(List.of(java));
      cmd.addAll(List.of(BASE_FLAGS.split(" ")));
      cmd.addAll(List.of("-cp", task.toString(), "bench.Main"));
      long start = System.nanoTime();
      new ProcessBuilder(cmd).inheritIO().start().waitFor();
      if (i >= 0) {
        baseline[i] = (System.nanoTime() - start) / 1e6;
      }
    }

    Map<String, List<Sample>> results = new LinkedHashMap<>();
    variants.keySet().forEach(v -> results.put(v, new ArrayList<>()));
    for (int round = -2; round < runs; round++) {
      for (Map.Entry<String, String> variant : variants.entrySet()) {
        Sample sample = once(java, runtimeJar, task, handlerClass, payload, variant.getValue(), work);
        if (round >= 0) {
          results.get(variant.getKey()).add(sample);
        }
      }
    }
    System.out.printf("%s handler, %d runs per variant, %d cores, java %s, base flags: %s%n",
        handler, runs, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), BASE_FLAGS);
    System.out.printf("empty main, start to exit: %s ms (med min max)%n", stats(baseline));
    System.out.printf("%-12s %28s %28s   %s%n", "variant", "to first /next ms (med min max)",
        "to first response ms", "extra flags");
    for (Map.Entry<String, List<Sample>> e : results.entrySet()) {
      List<Sample> s = e.getValue();
      System.out.printf("%-12s %28s %28s   %s%n", e.getKey(),
          stats(s.stream().mapToDouble(Sample::toNextMs).toArray()),
          stats(s.stream().mapToDouble(Sample::toResponseMs).toArray()),
          variants.get(e.getKey()));
    }
    try (var paths = Files.walk(work)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  static String stats(double[] values) {
    Arrays.sort(values);
    double median = values.length % 2 == 1
        ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    return String.format("%6.1f %6.1f %6.1f", median, values[0], values[values.length - 1]);
  }

  static void compile(Path runtimeJar, Path task) throws IOException {
    Path src = task.resolveSibling("src/bench");
    Files.createDirectories(src);
    Files.createDirectories(task);
    Files.writeString(src.resolve("Hello.java"), HELLO);
    Files.writeString(src.resolve("Pojo.java"), POJO);
    Files.writeString(src.resolve("Main.java"), EMPTY_MAIN);
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp",
        runtimeJar.toString(), "-d", task.toString(), src.resolve("Hello.java").toString(),
        src.resolve("Pojo.java").toString(), src.resolve("Main.java").toString());
    if (rc != 0) {
      throw new IllegalStateException("compiling the bench handlers failed");
    }
  }

  static Path train(String java, Path runtimeJar, Path work, String kind) throws Exception {
    Path cache = work.resolve("runtime-" + kind + ".aot");
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:AOTCacheOutput=" + cache));
    cmd.addAll(List.of(BASE_FLAGS.split(" ")));
    cmd.addAll(List.of("-cp", runtimeJar.toString(), "dev.nimbus.runtime.java.training.Training",
        "100"));
    if (kind.equals("plain")) {
      cmd.add("plain");
    }
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(work.resolve("train-" + kind + ".log").toFile()).start();
    if (p.waitFor() != 0 || !Files.exists(cache)) {
      throw new IllegalStateException("training failed, see " + work.resolve("train-" + kind + ".log"));
    }
    System.out.printf("trained %s: %d ms, %.1f MB%n", cache.getFileName(),
        (System.nanoTime() - start) / 1_000_000, Files.size(cache) / 1e6);
    return cache;
  }

  static Sample once(String java, Path runtimeJar, Path task, String handler, String payload,
      String extraFlags, Path work) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      long[] times = new long[2];
      CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> serve(server, payload, times));
      List<String> cmd = new ArrayList<>(List.of(java));
      cmd.addAll(List.of(BASE_FLAGS.split(" ")));
      if (!extraFlags.isBlank()) {
        cmd.addAll(List.of(extraFlags.trim().split("\\s+")));
      }
      cmd.addAll(List.of("-cp", runtimeJar.toString(), "dev.nimbus.runtime.java.Bootstrap", handler));
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(task.toFile())
          .redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile());
      Map<String, String> env = pb.environment();
      env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getLocalPort());
      env.put("_HANDLER", handler);
      env.put("LAMBDA_TASK_ROOT", task.toString());
      env.put("AWS_LAMBDA_FUNCTION_NAME", "bench");
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
      env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench");
      env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
      env.put("AWS_REGION", "us-east-1");
      long start = System.nanoTime();
      Process process = pb.start();
      try {
        serving.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("run failed: " + Files.readString(work.resolve("run.log")), e);
      } finally {
        process.destroyForcibly();
        process.waitFor();
      }
      return new Sample((times[0] - start) / 1e6, (times[1] - start) / 1e6);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers the first /next with the event, records the response POST, stops at the second /next. */
  static void serve(ServerSocket server, String payload, long[] times) {
    try (Socket socket = server.accept()) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      readRequest(in);
      times[0] = System.nanoTime();
      byte[] body = payload.getBytes(StandardCharsets.UTF_8);
      out.write(("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: req-1\r\n"
          + "Lambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 60_000) + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String post = readRequest(in);
      times[1] = System.nanoTime();
      if (!post.startsWith("POST /2018-06-01/runtime/invocation/req-1/response")) {
        throw new IllegalStateException("expected a response, got: " + post);
      }
      out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      readRequest(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads one request (head and Content-Length body) and returns it as text. */
  static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      head.write(b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    String text = head.toString(StandardCharsets.UTF_8);
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        text += new String(in.readNBytes(Integer.parseInt(line.substring(15).trim())),
            StandardCharsets.UTF_8);
      }
    }
    return text;
  }
}
