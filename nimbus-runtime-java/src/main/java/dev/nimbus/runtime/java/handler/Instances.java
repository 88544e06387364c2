package dev.nimbus.runtime.java.handler;

import dev.nimbus.runtime.java.failure.UserFault;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/** Creates the one handler instance of an instance JVM through its public no-arg constructor. */
final class Instances {

  private Instances() {}

  /**
   * @throws UserFault non-fatal if there is no usable public no-arg constructor; fatal if the
   *     constructor threw (the instance cannot serve anything)
   */
  static Object create(Class<?> type) {
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      String reason = type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())
          ? " cannot be instantiated because it is a non-static inner class"
          : " has no public zero-argument constructor";
      throw UserFault.from(new Exception("Class " + type.getName() + reason, e), false);
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw UserFault.from(e.getCause() == null ? e : e.getCause(), true);
    } catch (InstantiationException | IllegalAccessException e) {
      throw UserFault.from(e, false);
    }
  }
}
