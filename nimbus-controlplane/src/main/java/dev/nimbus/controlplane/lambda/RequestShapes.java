package dev.nimbus.controlplane.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Request bodies of the Lambda API, with the model's member names in camel case ({@link LambdaJson}
 * maps them to PascalCase). Members Nimbus has no use for are not declared and are ignored, as AWS
 * ignores unknown members; {@code blob} members such as {@code ZipFile} arrive base64-encoded.
 */
final class RequestShapes {
    private RequestShapes() {
    }

    record CreateFunction(String functionName, String runtime, String role, String handler, String description,
                          Integer timeout, Integer memorySize, Boolean publish, Code code, Environment environment,
                          String packageType, List<String> architectures, List<String> layers) {
    }

    record Code(byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion, String imageUri) {
    }

    record Environment(Map<String, String> variables) {
    }

    record UpdateFunctionCode(byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion, String imageUri,
                              Boolean publish, Boolean dryRun, String revisionId, List<String> architectures) {
    }

    record UpdateFunctionConfiguration(String role, String handler, String description, Integer timeout,
                                       Integer memorySize, Environment environment, String runtime,
                                       String revisionId, List<String> layers) {
    }

    record PublishVersion(String codeSha256, String description, String revisionId) {
    }

    /** CreateAlias and UpdateAlias ({@code name} only on create). */
    record Alias(String name, String functionVersion, String description, RoutingConfig routingConfig,
                 String revisionId) {
    }

    record RoutingConfig(Map<String, Double> additionalVersionWeights) {
    }

    record FunctionConcurrency(Integer reservedConcurrentExecutions) {
    }

    record ProvisionedConcurrencyConfig(Integer provisionedConcurrentExecutions) {
    }

    /** CreateFunctionUrlConfig and UpdateFunctionUrlConfig; {@code cors} is kept as the JSON received. */
    record FunctionUrlConfig(String authType, JsonNode cors, String invokeMode) {
    }
}
