package dev.nimbus.sandbox.launch;

/**
 * How an instance reaches the platform, as it sees it from inside its sandbox.
 *
 * @param runtimeApi       its Runtime API, {@code host:port} (the value of AWS_LAMBDA_RUNTIME_API)
 * @param runtimeApiSocket a Unix socket reaching the same Runtime API without a relay hop, or null
 *                         where the instance shares the host's network
 * @param services         base URL of the platform services functions may call (publishing
 *                         events, the S3 API), without a trailing slash
 */
public record Endpoints(String runtimeApi, String runtimeApiSocket, String services) {
}
