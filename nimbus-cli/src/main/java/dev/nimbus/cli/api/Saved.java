package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a create-or-update call answered.
 *
 * @param created true when the server created the resource (201), false when it updated it (200)
 * @param body    the resource as the server now holds it
 */
public record Saved(boolean created, JsonNode body) {
}
