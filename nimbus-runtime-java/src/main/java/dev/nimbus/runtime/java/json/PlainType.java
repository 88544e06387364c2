package dev.nimbus.runtime.java.json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which declared event types the plain reader can fill exactly as Jackson would: {@code Object},
 * {@code Map} (keys {@code String} or {@code Object}, values {@code Object}), {@code List} or
 * {@code Collection} of {@code Object}, and {@code String}. Wildcards and type variables bounded
 * only by {@code Object} count as {@code Object}.
 */
enum PlainType {
  NONE, ANY, MAP, LIST, STRING;

  static PlainType of(Type type) {
    if (type instanceof TypeVariable<?> variable) {
      return of(variable.getBounds()[0]);
    }
    if (type == Object.class) {
      return ANY;
    } else if (type == String.class) {
      return STRING;
    } else if (type == Map.class) {
      return MAP;
    } else if (type == List.class || type == Collection.class) {
      return LIST;
    } else if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (raw == Map.class && args.length == 2 && (args[0] == String.class || isObject(args[0]))
          && isObject(args[1])) {
        return MAP;
      }
      if ((raw == List.class || raw == Collection.class) && args.length == 1 && isObject(args[0])) {
        return LIST;
      }
    }
    return NONE;
  }

  /** Whether a value of this kind may sit at the root of {@code value}'s document. */
  boolean accepts(Object value) {
    return value == null
        || this == ANY
        || (this == MAP && value instanceof Map)
        || (this == LIST && value instanceof List)
        || (this == STRING && value instanceof String);
  }

  private static boolean isObject(Type type) {
    if (type == Object.class) {
      return true;
    }
    if (type instanceof WildcardType wildcard) {
      return wildcard.getLowerBounds().length == 0 && isObject(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?> variable) {
      Type[] bounds = variable.getBounds();
      return bounds.length == 1 && bounds[0] == Object.class;
    }
    return false;
  }
}
