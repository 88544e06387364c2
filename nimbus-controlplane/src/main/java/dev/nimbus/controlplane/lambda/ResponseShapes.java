package dev.nimbus.controlplane.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Response bodies of the Lambda API (lambda-compat.md §5.2-5.3), with the model's member names in
 * camel case ({@link LambdaJson} writes them in PascalCase and leaves null members out).
 */
final class ResponseShapes {
    private ResponseShapes() {
    }

    /** A function version; list entries leave {@code state} and the {@code lastUpdateStatus*} members null. */
    record FunctionConfiguration(String functionName, String functionArn, String runtime, String role, String handler,
                                 long codeSize, String description, int timeout, int memorySize, String lastModified,
                                 String codeSha256, String version, Environment environment,
                                 TracingConfig tracingConfig, String revisionId, String state,
                                 String lastUpdateStatus, String lastUpdateStatusReason,
                                 String lastUpdateStatusReasonCode, String packageType, List<String> architectures,
                                 EphemeralStorage ephemeralStorage, SnapStart snapStart, LoggingConfig loggingConfig) {
    }

    record Environment(Map<String, String> variables) {
    }

    record TracingConfig(String mode) {
    }

    record EphemeralStorage(int size) {
    }

    record SnapStart(String applyOn, String optimizationStatus) {
    }

    record LoggingConfig(String logFormat, String logGroup) {
    }

    record GetFunction(FunctionConfiguration configuration, CodeLocation code, Concurrency concurrency) {
    }

    record CodeLocation(String repositoryType, String location) {
    }

    /** Also the whole body of Put/GetFunctionConcurrency ({@code {}} when none is reserved). */
    record Concurrency(Integer reservedConcurrentExecutions) {
    }

    /**
     * Put/GetProvisionedConcurrencyConfig's body, and with {@code functionArn} an entry of
     * ListProvisionedConcurrencyConfigs.
     */
    record ProvisionedConcurrency(String functionArn, int requestedProvisionedConcurrentExecutions,
                                  int availableProvisionedConcurrentExecutions,
                                  int allocatedProvisionedConcurrentExecutions, String status, String lastModified) {
    }

    record ListProvisionedConcurrencyConfigs(List<ProvisionedConcurrency> provisionedConcurrencyConfigs,
                                             String nextMarker) {
    }

    record ListFunctions(List<FunctionConfiguration> functions, String nextMarker) {
    }

    record ListVersions(List<FunctionConfiguration> versions, String nextMarker) {
    }

    record AliasConfiguration(String aliasArn, String name, String functionVersion, String description,
                              RoutingConfig routingConfig, String revisionId) {
    }

    record RoutingConfig(Map<String, Double> additionalVersionWeights) {
    }

    record ListAliases(List<AliasConfiguration> aliases, String nextMarker) {
    }

    /** A function URL; {@code lastModifiedTime} is absent from the CreateFunctionUrlConfig response. */
    record FunctionUrlConfig(String functionUrl, String functionArn, String authType, JsonNode cors,
                             String creationTime, String lastModifiedTime, String invokeMode) {
    }

    record ListFunctionUrlConfigs(List<FunctionUrlConfig> functionUrlConfigs, String nextMarker) {
    }
}
