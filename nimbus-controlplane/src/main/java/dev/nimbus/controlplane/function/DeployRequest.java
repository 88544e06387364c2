package dev.nimbus.controlplane.function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A deploy or update as the API receives it. Absent fields keep the value of the previous revision,
 * or take the default for a new function.
 *
 * @param lambdaRuntime the Lambda runtime id to show Lambda clients (e.g. {@code python3.12}); a change of
 *                      {@code runtime} without one clears it
 * @param revisionId    if present, the update applies only while {@code $LATEST} still has this revision id
 * @param scaling       scaling knobs to change, merged field by field into the previous revision's
 * @param egress        whether instances may reach the internet
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DeployRequest(String runtime, String handler, Integer memoryMb, Integer timeoutSeconds,
                            Map<String, String> environment, String description, Integer concurrency,
                            String codeSha256, String role, String lambdaRuntime, String httpPayloadFormat,
                            String revisionId, ScalingRequest scaling, Boolean egress) {
}
