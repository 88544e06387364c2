package dev.nimbus.cli.namespace;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What the server accepts as a namespace name, a lower-case DNS label of 1-32 characters; checked
 * here so that a typo is refused before any request.
 */
public final class NamespaceName {
    /** Describes {@link #PATTERN} for people; follows "must be" in messages. */
    public static final String RULE = "1-32 lower-case letters, digits and '-', starting and ending with a letter"
            + " or digit (e.g. team-a)";
    private static final Pattern PATTERN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    private NamespaceName() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** For a NAME parameter: a bad name is a usage error that says what a name may be. */
    static final class Converter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!isValid(value)) {
                throw new TypeConversionException("a namespace name must be " + RULE + ", was '" + value + "'");
            }
            return value;
        }
    }
}
