package dev.nimbus.runtime.java.json;

import java.io.OutputStream;

/** Writes a handler's result as JSON. */
public interface ResultWriter {
  void write(Object value, OutputStream out) throws Exception;
}
