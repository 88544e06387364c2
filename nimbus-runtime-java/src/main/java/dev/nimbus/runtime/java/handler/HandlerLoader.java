package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.nimbus.runtime.java.failure.UserFault;
import dev.nimbus.runtime.java.json.Json;
import dev.nimbus.runtime.java.json.ResultWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

/**
 * Loads the handler named by the handler string, with the AWS Java runtime's failure semantics:
 *
 * <table>
 *   <tr><th>Problem</th><th>Reported</th></tr>
 *   <tr><td>malformed handler string, class not found, no handler interface, no usable method,
 *       no public no-arg constructor, unresolvable type arguments</td>
 *       <td>on every invocation, instance keeps running</td></tr>
 *   <tr><td>{@code NoClassDefFoundError} while loading the class</td>
 *       <td>on the first invocation, then the instance exits</td></tr>
 *   <tr><td>anything else thrown while wrapping the handler</td>
 *       <td>on every invocation, instance keeps running</td></tr>
 *   <tr><td>static initializer or constructor threw</td>
 *       <td>init error, instance exits</td></tr>
 * </table>
 */
public final class HandlerLoader {

  private HandlerLoader() {}

  public static LoadResult load(String handler, ClassLoader loader) {
    HandlerName name;
    try {
      name = HandlerName.parse(handler);
    } catch (IllegalArgumentException e) {
      return faulty(UserFault.of("Invalid handler: `" + handler + "'"));
    }
    Class<?> type;
    try {
      type = Class.forName(name.className(), true, loader);
    } catch (ClassNotFoundException e) {
      return faulty(UserFault.classNotFound(e, name.className()));
    } catch (NoClassDefFoundError e) {
      return faulty(UserFault.loadingClass(e, name.className()));
    } catch (Throwable t) {
      return new LoadResult.InitFailure(UserFault.loadingClass(t, name.className()));
    }
    try {
      return new LoadResult.Ready(name.methodName() == null
          ? forClass(type)
          : forMethod(type, name.methodName()));
    } catch (UserFault fault) {
      return fault.fatal() ? new LoadResult.InitFailure(fault) : faulty(fault);
    } catch (VirtualMachineError e) {
      return new LoadResult.InitFailure(UserFault.from(e, true));
    } catch (Throwable t) {
      return faulty(UserFault.from(t, false));
    }
  }

  private static LoadResult faulty(UserFault fault) {
    return new LoadResult.Ready(new FaultHandler(fault));
  }

  private static Handler forClass(Class<?> type) {
    if (RequestStreamHandler.class.isAssignableFrom(type)) {
      return new StreamHandlerAdapter((RequestStreamHandler) Instances.create(type));
    }
    if (RequestHandler.class.isAssignableFrom(type)) {
      Type[] types = RequestHandlerTypes.resolve(type);
      RequestHandler<?, ?> instance = (RequestHandler<?, ?>) Instances.create(type);
      return new ObjectHandler(new RequestHandlerFunction(instance), Json.readerFor(types[0]),
          writerFor(types[1]));
    }
    throw UserFault.of(
        "Class does not implement an appropriate handler interface: " + type.getName());
  }

  private static Handler forMethod(Class<?> type, String methodName) {
    Method[] methods;
    try {
      methods = type.getMethods();
    } catch (NoClassDefFoundError e) {
      throw new UserFault("Error loading method " + methodName + " on class " + type.getName(),
          e.getClass().getName(), UserFault.trace(e), false);
    }
    MethodSignature signature = MethodSelector.select(methods, methodName);
    if (signature == null) {
      throw UserFault.of("No public method named " + methodName
          + " with appropriate method signature found on class " + type.getName());
    }
    Method method = signature.method();
    Object instance = Modifier.isStatic(method.getModifiers()) ? null : Instances.create(type);
    if (signature.stream()) {
      return new StreamMethodHandler(signature, instance);
    }
    return new ObjectHandler(new MethodFunction(signature, instance),
        signature.input() ? Json.readerFor(signature.eventType()) : null,
        writerFor(method.getGenericReturnType()));
  }

  private static ResultWriter writerFor(Type type) {
    return type == void.class || type == Void.class ? null : Json.writerFor(type);
  }
}
