package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the handler method for {@code Class::method} as the AWS Java runtime does: among the
 * public methods (inherited ones included) with that name, sorted non-bridge first and then by
 * more parameters first (a trailing {@code Context} counts one extra), the first whose signature
 * is one of:
 *
 * <pre>
 * (InputStream, OutputStream, Context)  (InputStream, OutputStream)  (OutputStream, Context)
 * (InputStream, Context)  (InputStream)  (OutputStream)  (Context)  (T, Context)  (T)  ()
 * </pre>
 *
 * where {@code T} is any type but a stream or {@code Context}. So {@code (T, Context)} (weight 3)
 * beats {@code (InputStream, OutputStream)} (weight 2), and a lone {@code (Context)} (weight 2)
 * beats {@code (T)} (weight 1).
 */
final class MethodSelector {

  private MethodSelector() {}

  /** The selected signature, or {@code null} if no method by that name qualifies. */
  static MethodSignature select(Method[] methods, String name) {
    List<Method> candidates = new ArrayList<>();
    for (Method method : methods) {
      if (method.getName().equals(name)) {
        candidates.add(method);
      }
    }
    candidates.sort(Priority.INSTANCE);
    for (Method method : candidates) {
      MethodSignature signature = classify(method);
      if (signature != null) {
        return signature;
      }
    }
    return null;
  }

  /** The signature if {@code method}'s parameters are one of the supported shapes. */
  static MethodSignature classify(Method method) {
    Type[] p = method.getGenericParameterTypes();
    if (p.length == 0) {
      return MethodSignature.object(method, null, false);
    } else if (p.length == 1) {
      if (p[0] == InputStream.class) {
        return MethodSignature.streams(method, true, false, false);
      } else if (p[0] == OutputStream.class) {
        return MethodSignature.streams(method, false, true, false);
      } else if (p[0] == Context.class) {
        return MethodSignature.object(method, null, true);
      }
      return MethodSignature.object(method, p[0], false);
    } else if (p.length == 2) {
      if (p[0] == OutputStream.class) {
        return p[1] == Context.class ? MethodSignature.streams(method, false, true, true) : null;
      } else if (p[0] == Context.class) {
        return null;
      } else if (p[0] == InputStream.class) {
        if (p[1] == OutputStream.class) {
          return MethodSignature.streams(method, true, true, false);
        }
        return p[1] == Context.class ? MethodSignature.streams(method, true, false, true) : null;
      }
      return p[1] == Context.class ? MethodSignature.object(method, p[0], true) : null;
    } else if (p.length == 3) {
      return p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class
          ? MethodSignature.streams(method, true, true, true)
          : null;
    }
    return null;
  }

  /** Non-bridge before bridge, then more parameters first with a trailing Context counting two. */
  private static final class Priority implements Comparator<Method> {
    static final Priority INSTANCE = new Priority();

    @Override
    public int compare(Method a, Method b) {
      if (a.isBridge() != b.isBridge()) {
        return a.isBridge() ? 1 : -1;
      }
      return Integer.compare(weight(b), weight(a));
    }

    private static int weight(Method method) {
      Class<?>[] params = method.getParameterTypes();
      boolean endsWithContext = params.length > 0 && params[params.length - 1] == Context.class;
      return params.length + (endsWithContext ? 1 : 0);
    }
  }
}
