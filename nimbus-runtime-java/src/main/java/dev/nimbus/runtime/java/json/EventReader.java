package dev.nimbus.runtime.java.json;

/** Turns an event payload into the object a handler declared it takes. */
public interface EventReader {
  Object read(byte[] json) throws Exception;
}
