package dev.nimbus.runtime.java.json;

/** The event of a handler declared to take {@code Void}: always {@code null}, nothing parsed. */
final class NullEventReader implements EventReader {
  static final NullEventReader INSTANCE = new NullEventReader();

  private NullEventReader() {}

  @Override
  public Object read(byte[] json) {
    return null;
  }
}
