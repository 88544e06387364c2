package dev.nimbus.cli.versions;

import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.output.Text;
import java.util.List;

/** Renders a function's versions for people. */
final class VersionText {
    /** Hex digits of the code's sha256 shown in the table: enough to tell archives apart. */
    static final int SHORT_SHA = 12;
    private static final List<String> COLUMNS = List.of("VERSION", "REVISION", "CODE", "CREATED", "DESCRIPTION");

    private VersionText() {
    }

    /** {@code $LATEST} first, then published versions in ascending order, as the server lists them. */
    static String table(List<FunctionInfo> versions) {
        return Text.table(COLUMNS, versions.stream().map(v -> List.of(
                Text.orDash(v.version()), Text.orDash(v.revision()), shortSha(v.codeSha256()), Text.time(v.createdAt()),
                Text.orDash(v.description()))).toList());
    }

    private static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(SHORT_SHA, sha.length()));
    }
}
