package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.nimbus.runtime.java.failure.UserFault;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves the {@code I} and {@code O} of {@code RequestHandler<I, O>} for a handler class,
 * breadth-first through its superclasses and interfaces, substituting type variables bound on the
 * way: for {@code Hello extends Base<Map<String, Object>>} with
 * {@code Base<T> implements RequestHandler<T, String>}, {@code I} is {@code Map<String, Object>}.
 */
final class RequestHandlerTypes {

  private RequestHandlerTypes() {}

  /**
   * Returns {@code [I, O]}. A type variable bounded by more than {@code Object} is returned as is
   * (its bound decides); one bounded only by {@code Object} is a fault.
   *
   * @throws UserFault (non-fatal) if the class does not bind both type arguments
   */
  static Type[] resolve(Class<?> handlerClass) {
    Type[] types = find(handlerClass);
    if (types == null) {
      throw UserFault.of("Class " + handlerClass.getName()
          + " does not implement RequestHandler with concrete type parameters");
    }
    for (Type type : types) {
      if (type instanceof TypeVariable<?> variable && !hasBound(variable)) {
        throw UserFault.of("Class " + handlerClass.getName()
            + " does not implement RequestHandler with concrete type parameters: parameter "
            + variable + " has no upper bound.");
      }
    }
    return types;
  }

  private static boolean hasBound(TypeVariable<?> variable) {
    for (Type bound : variable.getBounds()) {
      if (bound != Object.class) {
        return true;
      }
    }
    return false;
  }

  private static Type[] find(Class<?> start) {
    ArrayDeque<Node> queue = new ArrayDeque<>();
    queue.add(new Node(start, new HashMap<>()));
    while (!queue.isEmpty()) {
      Node node = queue.poll();
      for (Type parent : node.type.getGenericInterfaces()) {
        Type[] found = visit(parent, node, queue);
        if (found != null) {
          return found;
        }
      }
      Type superclass = node.type.getGenericSuperclass();
      if (superclass != null) {
        visit(superclass, node, queue);
      }
    }
    return null;
  }

  /** Returns the arguments if {@code parent} is {@code RequestHandler<..>}, else queues it. */
  private static Type[] visit(Type parent, Node child, ArrayDeque<Node> queue) {
    if (parent instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        args[i] = child.substitute(args[i]);
      }
      if (raw == RequestHandler.class) {
        return args;
      }
      Map<TypeVariable<?>, Type> bindings = new HashMap<>();
      TypeVariable<?>[] variables = raw.getTypeParameters();
      for (int i = 0; i < variables.length && i < args.length; i++) {
        bindings.put(variables[i], args[i]);
      }
      queue.add(new Node(raw, bindings));
    } else if (parent instanceof Class<?> raw) {
      queue.add(new Node(raw, new HashMap<>()));
    }
    return null;
  }

  /** A class reached during the search with what its own type variables stand for. */
  private record Node(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
    Type substitute(Type type) {
      Type bound = type instanceof TypeVariable<?> ? bindings.get(type) : null;
      return bound == null ? type : bound;
    }
  }
}
