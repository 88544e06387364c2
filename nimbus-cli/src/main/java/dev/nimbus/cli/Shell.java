package dev.nimbus.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;

/**
 * What the CLI reads from the process that started it, apart from its arguments: environment
 * variables and standard input. Output goes through picocli's {@code getOut()} / {@code getErr()}.
 *
 * @param env   environment lookup, returning null for an unset variable
 * @param stdin standard input, read by {@code invoke --file -}
 */
public record Shell(Function<String, String> env, InputStream stdin) {

    /** The real process environment and {@code System.in}. */
    public static Shell system() {
        return new Shell(System::getenv, System.in);
    }

    /** A fixed environment and no standard input; for tests and embedding. */
    public static Shell of(Map<String, String> env) {
        return new Shell(env::get, InputStream.nullInputStream());
    }
}
