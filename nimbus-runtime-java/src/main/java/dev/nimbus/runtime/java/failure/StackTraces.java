package dev.nimbus.runtime.java.failure;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Removes the runtime's own frames from stack traces users see. */
public final class StackTraces {
  private static final String RUNTIME = "dev.nimbus.runtime.java.";
  private static final String SHADED = "dev.nimbus.runtime.java.shaded.";

  private StackTraces() {}

  /**
   * Cuts every trace of {@code t}, its causes and suppressed throwables at the first runtime frame,
   * so a handler's exception ends at the handler's own frames. Returns {@code t}.
   */
  public static <T extends Throwable> T filter(T t) {
    filter(t, Collections.newSetFromMap(new IdentityHashMap<>()));
    return t;
  }

  private static void filter(Throwable t, Set<Throwable> visited) {
    if (t == null || !visited.add(t)) {
      return;
    }
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < trace.length; i++) {
      String name = trace[i].getClassName();
      if (name.startsWith(RUNTIME) && !name.startsWith(SHADED)) {
        StackTraceElement[] cut = new StackTraceElement[i];
        System.arraycopy(trace, 0, cut, 0, i);
        t.setStackTrace(cut);
        break;
      }
    }
    filter(t.getCause(), visited);
    for (Throwable suppressed : t.getSuppressed()) {
      filter(suppressed, visited);
    }
  }
}
