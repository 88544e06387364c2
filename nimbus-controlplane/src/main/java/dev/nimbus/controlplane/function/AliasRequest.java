package dev.nimbus.controlplane.function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An alias as the API receives it. On update, absent fields keep their value; routing is replaced
 * when {@code additionalVersion} or {@code additionalWeight} is given (weight 0 with no version clears it;
 * a weight above 0 with no version is refused).
 *
 * @param version           primary version: {@code $LATEST} or a published version number
 * @param description       free text
 * @param additionalVersion a second published version receiving {@code additionalWeight} of the traffic
 * @param additionalWeight  0-1
 * @param revisionId        if present, the update applies only while the alias still has this revision id
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AliasRequest(String version, String description, String additionalVersion, Double additionalWeight,
                           String revisionId) {
}
