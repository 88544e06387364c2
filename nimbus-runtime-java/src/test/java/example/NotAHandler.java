package example;

public class NotAHandler {
  public String handle(String event) {
    return event;
  }
}
