package dev.nimbus.gateway.lambda;

/**
 * A function reference as the Lambda API accepts it: {@code name}, {@code name:qualifier}, a full
 * ARN {@code arn:aws:lambda:<region>:<account>:function:name[:qualifier]} or a partial ARN
 * {@code <account>:function:name[:qualifier]} (lambda-compat.md §4.1).
 *
 * @param name      function name
 * @param qualifier version or alias, or null
 */
public record LambdaFunctionName(String name, String qualifier) {

    /** Parses a reference; null if it has none of the accepted forms. */
    public static LambdaFunctionName parse(String ref) {
        if (ref == null || ref.isEmpty() || ref.length() > 256) {
            return null;
        }
        String[] parts = ref.split(":", -1);
        if (parts.length >= 7 && parts[0].equals("arn") && parts[2].equals("lambda") && parts[5].equals("function")) {
            return parts.length == 7 ? new LambdaFunctionName(parts[6], null)
                    : parts.length == 8 ? new LambdaFunctionName(parts[6], parts[7]) : null;
        }
        if (parts.length >= 3 && parts[1].equals("function")) {
            return parts.length == 3 ? new LambdaFunctionName(parts[2], null)
                    : parts.length == 4 ? new LambdaFunctionName(parts[2], parts[3]) : null;
        }
        return switch (parts.length) {
            case 1 -> new LambdaFunctionName(parts[0], null);
            case 2 -> new LambdaFunctionName(parts[0], parts[1]);
            default -> null;
        };
    }
}
