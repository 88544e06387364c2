package dev.nimbus.runtime.java.json;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/** Erasure of a declared type to the class a value of it has at least. */
final class Types {

  private Types() {}

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    } else if (type instanceof ParameterizedType p) {
      return raw(p.getRawType());
    } else if (type instanceof TypeVariable<?> v) {
      return raw(v.getBounds()[0]);
    } else if (type instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    } else if (type instanceof GenericArrayType a) {
      return raw(a.getGenericComponentType()).arrayType();
    }
    return Object.class;
  }
}
