package dev.nimbus.runtime.java;

import java.io.ByteArrayOutputStream;

/**
 * The response body of the current invocation, reused across invocations and posted without a
 * copy. A buffer grown past {@value #KEEP_BYTES} bytes is dropped after use rather than kept.
 *
 * <p>Threading: confined to the runtime loop thread.
 */
final class ResponseBuffer extends ByteArrayOutputStream {
  static final int KEEP_BYTES = 1024 * 1024;

  ResponseBuffer() {
    super(4096);
  }

  byte[] array() {
    return buf;
  }

  /** Whether this buffer has grown too large to keep for the next invocation. */
  boolean oversized() {
    return buf.length > KEEP_BYTES;
  }
}
