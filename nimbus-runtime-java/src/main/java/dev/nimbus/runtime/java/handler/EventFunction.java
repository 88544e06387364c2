package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;

/** The typed core of an object handler: event object and context in, result object out. */
interface EventFunction {
  Object apply(Object event, Context context) throws Throwable;
}
