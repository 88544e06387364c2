package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;

public class PojoHandler implements RequestHandler<Greeting, Reply> {
  @Override
  public Reply handleRequest(Greeting event, Context context) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < event.getTimes(); i++) {
      lines.add("hi " + event.getName() + (event.getAt() == null ? "" : " at " + event.getAt()));
    }
    return new Reply(lines, null);
  }
}
