package dev.nimbus.cli.namespace;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size in bytes as typed on the command line: {@code 52428800}, {@code 50MB}, {@code 50MiB},
 * {@code 1GB}. KB, MB and GB are powers of 1024, as in the server's configuration, so {@code 50MB}
 * and {@code 50MiB} are both 50 * 1024 * 1024 = 52,428,800 bytes; sizes print with the IEC unit
 * ({@code 50 MiB}) to leave no doubt.
 */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KB|KIB|MB|MIB|GB|GIB)?");
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    private ByteSize() {
    }

    /** The bytes {@code value} stands for; throws {@link IllegalArgumentException} unless it is a positive size. */
    static long parse(String value) {
        Matcher m = SIZE.matcher(value.strip().toUpperCase(Locale.ROOT));
        if (m.matches()) {
            long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
                case "KB", "KIB" -> KIB;
                case "MB", "MIB" -> MIB;
                case "GB", "GIB" -> GIB;
                default -> 1;
            };
            try {
                long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
                if (bytes > 0) {
                    return bytes;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("expected a positive size in bytes, or with KB, MB or GB (powers of 1024),"
                + " e.g. 50MB; was '" + value + "'");
    }

    /** {@code 50 MiB}, {@code 1 GiB}, {@code 1536 KiB}; bytes when no unit divides the size exactly. */
    static String format(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** For an option: a bad size is a usage error naming the option. */
    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
