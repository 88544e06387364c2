package dev.nimbus.cli.alias;

import java.math.BigDecimal;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --weight VERSION=SHARE} of {@code alias set}: {@code 3=0.1} and {@code 3=10%} both send
 * a tenth of the invocations to version 3; {@code none} removes the split.
 *
 * @param version the additional version, or null for {@code none}
 * @param share   0-1, exactly as typed (BigDecimal, so that 1 - 0.07 prints as 0.93)
 */
record Weight(String version, BigDecimal share) {
    static final Weight NONE = new Weight(null, BigDecimal.ZERO);

    /** Parses the option's value; a mistake becomes a usage error naming the option. */
    static final class Converter implements ITypeConverter<Weight> {
        @Override
        public Weight convert(String value) {
            if (value.equalsIgnoreCase("none")) {
                return NONE;
            }
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw bad(value);
            }
            String number = value.substring(eq + 1).strip();
            boolean percent = number.endsWith("%");
            BigDecimal share;
            try {
                share = new BigDecimal(percent ? number.substring(0, number.length() - 1).strip() : number);
            } catch (NumberFormatException e) {
                throw bad(value);
            }
            if (percent) {
                share = share.movePointLeft(2);
            }
            if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
                throw bad(value);
            }
            return new Weight(value.substring(0, eq).strip(), share);
        }

        private static TypeConversionException bad(String value) {
            return new TypeConversionException("expected VERSION=SHARE with SHARE from 0 to 1 or 0% to 100%"
                    + " (e.g. 3=0.1 or 3=10%), or none; was '" + value + "'");
        }
    }
}
