package dev.nimbus.cli.alias;

import dev.nimbus.cli.api.AliasInfo;
import dev.nimbus.cli.output.Text;
import java.math.BigDecimal;
import java.util.List;

/** Renders aliases for people. A split shows as {@code 3=0.1}, the way {@code --weight} takes it. */
final class AliasText {
    private static final List<String> COLUMNS = List.of("ALIAS", "VERSION", "WEIGHT", "UPDATED", "DESCRIPTION");

    private AliasText() {
    }

    static String table(List<AliasInfo> aliases) {
        return Text.table(COLUMNS, aliases.stream().map(a -> List.of(Text.orDash(a.name()), Text.orDash(a.version()),
                weight(a), Text.time(a.updatedAt()), Text.orDash(a.description()))).toList());
    }

    static String details(AliasInfo a) {
        return new Text.Fields()
                .add("function", Text.orDash(a.function()))
                .add("alias", Text.orDash(a.name()))
                .add("version", Text.orDash(a.version()))
                .add("weight", a.splitsTraffic() ? weight(a) + " (" + Text.percent(a.additionalWeight())
                        + " of invocations run version " + a.additionalVersion() + ")" : "-")
                .add("description", Text.orDash(a.description()))
                .add("updated", Text.time(a.updatedAt()))
                .toString();
    }

    /**
     * Where invocations go: {@code version 2}, or with a split of 0.1 to version 3,
     * {@code version 2 (90%), version 3 (10%)}.
     */
    static String routing(AliasInfo a) {
        if (!a.splitsTraffic()) {
            return "version " + a.version();
        }
        BigDecimal extra = share(a.additionalWeight());
        return "version " + a.version() + " (" + Text.percent(BigDecimal.ONE.subtract(extra).doubleValue()) + "), version "
                + a.additionalVersion() + " (" + Text.percent(extra.doubleValue()) + ")";
    }

    private static String weight(AliasInfo a) {
        return a.splitsTraffic() ? a.additionalVersion() + "=" + share(a.additionalWeight()).toPlainString() : "-";
    }

    /** The weight as the shortest decimal that reads back as the same double: 0.1, not 0.1000000000000000055. */
    private static BigDecimal share(double weight) {
        BigDecimal exact = new BigDecimal(Double.toString(weight)).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0) : exact;
    }
}
