package dev.nimbus.core.function;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a developer configures for a function. Every value is checked here, once; a bad value
 * throws a {@link ValidationException} naming the field and the allowed range.
 *
 * @param runtime        language runtime
 * @param handler        handler string in the runtime's format ({@code module.function} for python3,
 *                       {@code file.export} for nodejs, {@code package.Class[::method]} for java,
 *                       any non-empty string for provided)
 * @param memoryMb       memory in MB, 128-10240
 * @param timeoutSeconds per-invocation timeout, 1-900 s
 * @param environment    environment variables (keys {@code [a-zA-Z][a-zA-Z0-9_]+}, at most 4 KB in all)
 * @param description    free text, at most 256 characters
 * @param concurrency    maximum concurrent instances of one version, 1-1000
 * @param role           the Lambda execution role ARN the function was created with ("" if none);
 *                       kept for Lambda clients, Nimbus grants nothing by it
 * @param lambdaRuntime  the Lambda runtime id the Lambda API was given (e.g. {@code python3.12}), shown back
 *                       to Lambda clients so that their tools see no drift; "" if none. The instance
 *                       runs {@code runtime} with the interpreter Nimbus is configured with.
 * @param httpPayload    the event shape the function's HTTP route sends
 * @param scaling        how the function's instances scale; its {@code maxInstances} is always
 *                       {@code concurrency} (one knob, one meaning), so a spec given with another
 *                       ceiling takes {@code concurrency}'s
 * @param egress         whether its instances may open connections to the internet (public
 *                       addresses only; never this host, its network or the platform); none by default
 */
public record FunctionConfig(
        Runtime runtime,
        String handler,
        int memoryMb,
        int timeoutSeconds,
        Map<String, String> environment,
        String description,
        int concurrency,
        String role,
        String lambdaRuntime,
        PayloadFormat httpPayload,
        ScalingSpec scaling,
        boolean egress) {

    public static final int DEFAULT_MEMORY_MB = 128;
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;
    public static final int DEFAULT_CONCURRENCY = 100;
    static final int MAX_ENV_BYTES = 4096;

    private static final Pattern LAMBDA_RUNTIME = Pattern.compile("([a-z][a-z0-9.]{0,31})?");
    private static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");
    private static final Pattern PYTHON_HANDLER = Pattern.compile("[A-Za-z0-9_/.-]*[A-Za-z0-9_]\\.[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NODE_HANDLER = Pattern.compile("[A-Za-z0-9_/.@-]*[A-Za-z0-9_-]\\.[A-Za-z_$][A-Za-z0-9_$.]*");
    private static final Pattern JAVA_HANDLER = Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(::[A-Za-z_$][A-Za-z0-9_$]*)?");

    public FunctionConfig {
        if (runtime == null) {
            throw new ValidationException("runtime", "is required; one of " + Runtime.allowed());
        }
        handler = checkHandler(runtime, handler);
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new ValidationException("memoryMb", "must be between 128 and 10240, was " + memoryMb);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw new ValidationException("timeoutSeconds", "must be between 1 and 900, was " + timeoutSeconds);
        }
        environment = checkEnvironment(environment);
        description = description == null ? "" : description;
        if (description.length() > 256) {
            throw new ValidationException("description", "must be at most 256 characters, was " + description.length());
        }
        if (concurrency < 1 || concurrency > 1000) {
            throw new ValidationException("concurrency", "must be between 1 and 1000, was " + concurrency);
        }
        role = role == null ? "" : role;
        if (role.length() > 2048 || role.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("role", "must be at most 2048 printable characters");
        }
        lambdaRuntime = lambdaRuntime == null ? "" : lambdaRuntime;
        if (!LAMBDA_RUNTIME.matcher(lambdaRuntime).matches()) {
            throw new ValidationException("lambdaRuntime", "must be a Lambda runtime id such as python3.12, was '"
                    + FunctionName.clip(lambdaRuntime) + "'");
        }
        httpPayload = httpPayload == null ? PayloadFormat.V2 : httpPayload;
        scaling = scaling == null ? ScalingSpec.defaults() : scaling;
        if (scaling.maxInstances() != concurrency) {
            scaling = scaling.toBuilder().maxInstances(concurrency).build();
        }
    }

    /** A configuration with defaults for everything but runtime and handler. */
    public static FunctionConfig of(Runtime runtime, String handler) {
        return new FunctionConfig(runtime, handler, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, Map.of(), "",
                DEFAULT_CONCURRENCY, "", "", PayloadFormat.V2,
                ScalingSpec.defaults(), false);
    }

    /** This configuration with another description (a published version may describe itself). */
    public FunctionConfig withDescription(String newDescription) {
        return new FunctionConfig(runtime, handler, memoryMb, timeoutSeconds, environment, newDescription, concurrency,
                role, lambdaRuntime, httpPayload, scaling, egress);
    }

    /** This configuration scaling by {@code newScaling}. */
    public FunctionConfig withScaling(ScalingSpec newScaling) {
        return new FunctionConfig(runtime, handler, memoryMb, timeoutSeconds, environment, description, concurrency,
                role, lambdaRuntime, httpPayload, newScaling, egress);
    }

    private static String checkHandler(Runtime runtime, String handler) {
        if (handler == null || handler.isBlank()) {
            throw new ValidationException("handler", "is required (" + handlerForm(runtime) + ")");
        }
        if (handler.length() > 128) {
            throw new ValidationException("handler", "must be at most 128 characters");
        }
        boolean ok = switch (runtime) {
            case PYTHON3 -> PYTHON_HANDLER.matcher(handler).matches();
            case NODEJS -> NODE_HANDLER.matcher(handler).matches() && !handler.contains("..");
            case JAVA -> JAVA_HANDLER.matcher(handler).matches();
            case PROVIDED -> handler.chars().noneMatch(Character::isISOControl);
        };
        if (!ok) {
            throw new ValidationException("handler", "must have the form " + handlerForm(runtime)
                    + ", was '" + FunctionName.clip(handler) + "'");
        }
        return handler;
    }

    private static String handlerForm(Runtime runtime) {
        return switch (runtime) {
            case PYTHON3 -> "module.function, e.g. app.handler";
            case NODEJS -> "file.export, e.g. index.handler";
            case JAVA -> "package.Class or package.Class::method";
            case PROVIDED -> "any string passed to the bootstrap as _HANDLER";
        };
    }

    private static Map<String, String> checkEnvironment(Map<String, String> environment) {
        if (environment == null) {
            return Map.of();
        }
        int bytes = 0;
        for (var e : environment.entrySet()) {
            if (e.getKey() == null || !ENV_KEY.matcher(e.getKey()).matches()) {
                throw new ValidationException("environment",
                        "keys must match [a-zA-Z][a-zA-Z0-9_]+, was '" + FunctionName.clip(e.getKey()) + "'");
            }
            if (e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
                throw new ValidationException("environment", "value of " + e.getKey() + " must be a string without NUL");
            }
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_ENV_BYTES) {
            throw new ValidationException("environment", "must be at most 4096 bytes in all, was " + bytes);
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    }
}
