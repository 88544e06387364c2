package dev.nimbus.core.auth;

import java.util.Objects;

/**
 * The outcome of verifying one request: {@link Accepted} only when the signature was recomputed
 * with the secret of the access key and matched, within the allowed clock skew.
 */
public sealed interface Verdict {

    /** The request is authentic; the region and service are those of its credential scope. */
    record Accepted(String accessKeyId, String region, String service) implements Verdict {
        public Accepted {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(service, "service");
        }
    }

    /**
     * The request is refused with HTTP {@code error.status()}; {@code message} is safe to show the
     * caller: it never contains a secret and quotes at most a short, clipped piece of the request.
     */
    record Refused(AuthError error, String message) implements Verdict {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
        }
    }
}
