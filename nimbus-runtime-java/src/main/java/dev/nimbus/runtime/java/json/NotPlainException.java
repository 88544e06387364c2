package dev.nimbus.runtime.java.json;

/** Signals that a document or value is outside what the plain codec handles; Jackson decides. */
final class NotPlainException extends Exception {
  private static final long serialVersionUID = 1L;

  static final NotPlainException INSTANCE = new NotPlainException();

  private NotPlainException() {
    super("not plain JSON", null, false, false);
  }
}
