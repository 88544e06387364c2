package dev.nimbus.controlplane.lambda;

import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionName;
import java.util.regex.Pattern;

/**
 * A function as the Lambda API names it (lambda-compat.md §5.1): {@code name}, {@code name:qualifier},
 * a full ARN {@code arn:aws:lambda:<region>:<account>:function:name[:qualifier]} or a partial ARN
 * {@code <account>:function:name[:qualifier]}; the region and account are not checked, Nimbus has one of each.
 *
 * @param name      function name
 * @param qualifier {@code $LATEST}, a version number or an alias, or null
 */
public record FunctionRef(String name, String qualifier) {
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[a-zA-Z0-9_-]{1,128}");
    private static final String NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

    /**
     * Parses the (percent-decoded) {@code FunctionName} of a request.
     *
     * @throws LambdaErrors.Fault a {@code ValidationException} if it has none of the accepted forms
     */
    static FunctionRef parse(String ref) {
        FunctionRef parsed = ref == null || ref.isEmpty() || ref.length() > 256 ? null : split(ref.split(":", -1));
        if (parsed == null || !FunctionName.isValid(parsed.name())
                || parsed.qualifier() != null && !QUALIFIER.matcher(parsed.qualifier()).matches()) {
            throw LambdaErrors.validation(ref, "functionName",
                    "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        return parsed;
    }

    /** The function name in a reference of any accepted form, if it has one. */
    public static java.util.Optional<String> functionName(String ref) {
        FunctionRef parsed = ref == null || ref.isEmpty() || ref.length() > 256 ? null : split(ref.split(":", -1));
        return parsed == null || !FunctionName.isValid(parsed.name()) ? java.util.Optional.empty()
                : java.util.Optional.of(parsed.name());
    }

    private static FunctionRef split(String[] parts) {
        if (parts.length >= 7 && parts[0].equals("arn") && parts[2].equals("lambda") && parts[5].equals("function")) {
            return parts.length == 7 ? new FunctionRef(parts[6], null)
                    : parts.length == 8 ? new FunctionRef(parts[6], parts[7]) : null;
        }
        if (parts.length >= 3 && parts[1].equals("function")) {
            return parts.length == 3 ? new FunctionRef(parts[2], null)
                    : parts.length == 4 ? new FunctionRef(parts[2], parts[3]) : null;
        }
        return switch (parts.length) {
            case 1 -> new FunctionRef(parts[0], null);
            case 2 -> new FunctionRef(parts[0], parts[1]);
            default -> null;
        };
    }

    /**
     * This reference with the request's {@code Qualifier} parameter applied: either may carry the
     * qualifier, but when both do they must agree.
     */
    FunctionRef withQualifier(String queryQualifier) {
        if (queryQualifier == null) {
            return this;
        }
        if (!QUALIFIER.matcher(queryQualifier).matches()) {
            throw LambdaErrors.validation(queryQualifier, "qualifier",
                    "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
        }
        if (qualifier != null && !qualifier.equals(queryQualifier)) {
            throw LambdaErrors.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionRef(name, queryQualifier);
    }

    /** This reference, refused with AWS's message if it names a version or alias. */
    FunctionRef unqualified() {
        if (qualifier != null) {
            throw LambdaErrors.invalidParameter(LambdaErrors.UNQUALIFIED_ONLY);
        }
        return this;
    }

    String arn() {
        return Arns.function(name, qualifier);
    }
}
