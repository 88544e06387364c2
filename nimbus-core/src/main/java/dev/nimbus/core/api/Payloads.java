package dev.nimbus.core.api;

import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies without ever holding more than the limit in memory. */
public final class Payloads {
    /** Synchronous invocation payload limit: 6 MiB, as Lambda. */
    public static final int MAX_INVOKE_PAYLOAD = 6 * 1024 * 1024;

    private Payloads() {
    }

    /**
     * Reads the whole body.
     *
     * @throws ApiException {@link ErrorCode#PAYLOAD_TOO_LARGE} if it exceeds {@code limit} bytes
     */
    public static byte[] read(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw Messages.payloadTooLarge(limit);
        }
        return body;
    }
}
