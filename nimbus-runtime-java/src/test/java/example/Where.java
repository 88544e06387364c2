package example;

/** Reports its own stack frame as a stack trace would print it; depends on nothing but the JDK. */
public class Where {
  public static String frame() {
    return new Throwable().getStackTrace()[0].toString();
  }
}
