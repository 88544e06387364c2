package example;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** POJO handler methods of every supported shape. */
public class Methods {
  public static int instances;

  public Methods() {
    instances++;
  }

  public String upper(String event) {
    return event.toUpperCase();
  }

  public String overloaded(String event) {
    return "event only";
  }

  public String overloaded(String event, Context context) {
    return "event and context " + context.getAwsRequestId();
  }

  public String overloaded(InputStream in, OutputStream out) {
    return "streams";
  }

  public void nothing(Map<String, Object> event) {}

  public static Integer twice(Integer n) {
    return n * 2;
  }

  public Greeting pojo(Greeting g) {
    g.setTimes(g.getTimes() + 1);
    return g;
  }

  public void copy(InputStream in, OutputStream out, Context context) throws IOException {
    out.write('[');
    in.transferTo(out);
    out.write(']');
  }

  public Object readOnly(InputStream in) throws IOException {
    return new String(in.readAllBytes());
  }

  public String requestId(Context context) {
    return context.getAwsRequestId();
  }

  public String noArgs() {
    return "none";
  }

  public String bad(Context context, String event) {
    return "never chosen";
  }

  public String boom(String event) {
    throw new IllegalStateException("boom: " + event);
  }
}
