package dev.nimbus.controlplane.lambda;

import dev.nimbus.controlplane.lambda.ResponseShapes.EphemeralStorage;
import dev.nimbus.controlplane.lambda.ResponseShapes.FunctionConfiguration;
import dev.nimbus.controlplane.lambda.ResponseShapes.LoggingConfig;
import dev.nimbus.controlplane.lambda.ResponseShapes.SnapStart;
import dev.nimbus.controlplane.lambda.ResponseShapes.TracingConfig;
import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.LastUpdate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A function version as Lambda's {@code FunctionConfiguration} (lambda-compat.md §5.3), with the
 * values Nimbus does not vary (tracing, package type, storage, SnapStart, logging) at Lambda's
 * defaults. Nimbus activates a function before the request that changes it returns, so every
 * full configuration says {@code State: Active}, and {@code LastUpdateStatus} is {@code Successful}
 * unless the last update's new revision failed to initialise: then {@code Failed}, with the init
 * error as the reason. Lambda answers an update {@code InProgress} and fails it later; Nimbus
 * gates the update before answering, so the update's own answer already says {@code Failed}.
 */
final class Configurations {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final TracingConfig TRACING = new TracingConfig("PassThrough");
    private static final EphemeralStorage STORAGE = new EphemeralStorage(512);
    private static final SnapStart SNAP_START = new SnapStart("None", "Off");

    private Configurations() {
    }

    /**
     * The configuration Get, Create, Update and Publish return.
     *
     * @param arnQualifier the qualifier of {@code FunctionArn}: null for the unqualified ARN, else
     *                     {@code $LATEST}, the version number or the alias the caller named
     */
    static FunctionConfiguration full(FunctionRevision r, String arnQualifier) {
        return full(r, arnQualifier, null);
    }

    /** @param lastUpdate how the function's last update ended, for {@code $LATEST}; null: successful */
    static FunctionConfiguration full(FunctionRevision r, String arnQualifier, LastUpdate lastUpdate) {
        if (lastUpdate == null || lastUpdate.status() == LastUpdate.Status.SUCCESSFUL) {
            return of(r, arnQualifier, "Active", "Successful", null, null);
        }
        return of(r, arnQualifier, "Active", "Failed", lastUpdate.reason(), reasonCode(lastUpdate.errorType()));
    }

    /** The configuration list operations return: without state and update status. */
    static FunctionConfiguration listed(FunctionRevision r, String arnQualifier) {
        return of(r, arnQualifier, null, null, null, null);
    }

    /**
     * Lambda's {@code LastUpdateStatusReasonCode} for an init error type: timeouts are
     * {@code FunctionError.InitTimeout}, a handler that cannot be found is
     * {@code FunctionError.InvalidEntryPoint}, anything else the function raised or exited with
     * during init is {@code FunctionError}.
     */
    static String reasonCode(String errorType) {
        return switch (errorType) {
            case "Runtime.InitTimeout", "Sandbox.Timedout" -> "FunctionError.InitTimeout";
            case "Runtime.InvalidEntrypoint", "Runtime.HandlerNotFound", "Runtime.MalformedHandlerName" ->
                    "FunctionError.InvalidEntryPoint";
            default -> "FunctionError";
        };
    }

    private static FunctionConfiguration of(FunctionRevision r, String arnQualifier, String state, String update,
                                            String updateReason, String updateReasonCode) {
        FunctionConfig c = r.config();
        return new FunctionConfiguration(r.name(), Arns.function(r.name(), arnQualifier),
                c.lambdaRuntime().isEmpty() ? LambdaRuntimes.toLambda(c.runtime()) : c.lambdaRuntime(), c.role().isEmpty() ? null : c.role(), c.handler(),
                r.codeSize(), c.description(), c.timeoutSeconds(), c.memoryMb(), timestamp(r.createdAt()),
                base64(r.codeSha256()), r.version(), new ResponseShapes.Environment(c.environment()), TRACING,
                r.revisionId(), state, update, updateReason, updateReasonCode, "Zip", List.of(LambdaRuntimes.ARCHITECTURE), STORAGE, SNAP_START,
                new LoggingConfig("Text", "/aws/lambda/" + r.name()));
    }

    /** Lambda's timestamp strings, e.g. {@code 2024-05-01T10:11:12.345+0000}. */
    static String timestamp(Instant t) {
        return TIMESTAMP.format(t);
    }

    /** Lambda's CodeSha256: the digest Nimbus keeps in hex, in base64. */
    static String base64(String hexSha256) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hexSha256));
    }

    /** The hex form of a base64 CodeSha256, or null if it is not the base64 of a 32-byte digest. */
    static String hex(String base64Sha256) {
        try {
            byte[] digest = Base64.getDecoder().decode(base64Sha256);
            return digest.length == 32 ? HexFormat.of().formatHex(digest) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
