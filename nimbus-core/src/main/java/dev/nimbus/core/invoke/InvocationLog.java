package dev.nimbus.core.invoke;

/**
 * Receives the log lines of one invocation as they are produced: {@code START}, what the function
 * printed, {@code END} and {@code REPORT} (lambda-compat.md §1.12). An {@link Invoker} delivers
 * every line before {@link Invoker#invoke} returns, including output the function wrote just
 * before it answered; the Lambda API's {@code X-Amz-Log-Type: Tail} is built from them.
 *
 * <p>Threading: called from the instance's threads, one line at a time; must not block.
 */
@FunctionalInterface
public interface InvocationLog {

    void line(String line);

    /**
     * Whether every line must be in before {@link Invoker#invoke} returns, which costs reading the
     * instance's output up to a fence before and after the invocation: true for a caller that shows
     * the log (the default); false for a record that may miss output still unread when it returns.
     */
    default boolean waitsForOutput() {
        return true;
    }
}
