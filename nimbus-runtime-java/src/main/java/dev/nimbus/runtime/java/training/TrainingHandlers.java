package dev.nimbus.runtime.java.training;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Handlers of each kind the runtime supports, touching what real functions touch. */
public final class TrainingHandlers {

  /** Every tenth event fails, to train the error path. */
  static void maybeFail(Object marker) {
    if ("fail".equals(marker)) {
      throw new IllegalStateException("training failure");
    }
  }

  public String text(String event, Context context) {
    maybeFail(event);
    context.getLogger().log("");
    return event + context.getRemainingTimeInMillis();
  }

  public Reply pojo(Greeting event, Context context) {
    maybeFail(event.getName());
    return new Reply(List.of("hi " + event.getName()), event.getAt(), null);
  }

  public static final class MapHandler
      implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      maybeFail(event.get("name"));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("message", "hello " + event.get("name"));
      result.put("requestId", context.getAwsRequestId());
      result.put("items", new ArrayList<>(List.of(1, 2.5, true)));
      result.put("echo", event);
      return result;
    }
  }

  public static final class StreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context)
        throws IOException {
      byte[] event = in.readAllBytes();
      out.write(event);
    }
  }

  public static final class PojoHandler implements RequestHandler<Greeting, Reply> {
    @Override
    public Reply handleRequest(Greeting event, Context context) {
      maybeFail(event.getName());
      return new Reply(List.of("hello " + event.getName(), "times " + event.getTimes()),
          event.getAt(), null);
    }
  }

  /** A POJO event with a {@code java.time} field. */
  public static final class Greeting {
    private String name;
    private int times;
    private Instant at;
    private Map<String, Object> extra;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getTimes() {
      return times;
    }

    public void setTimes(int times) {
      this.times = times;
    }

    public Instant getAt() {
      return at;
    }

    public void setAt(Instant at) {
      this.at = at;
    }

    public Map<String, Object> getExtra() {
      return extra;
    }

    public void setExtra(Map<String, Object> extra) {
      this.extra = extra;
    }
  }

  /** A POJO result; {@code note} stays null. */
  public record Reply(List<String> lines, Instant at, String note) {}
}
