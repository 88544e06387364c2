package dev.nimbus.events.s3;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * An error of the S3 API in S3's XML shape, which the AWS SDKs turn into {@code S3Exception}s
 * with the code ({@code NoSuchKey}, {@code SignatureDoesNotMatch}, ...):
 * <pre>
 * &lt;Error&gt;&lt;Code&gt;NoSuchKey&lt;/Code&gt;&lt;Message&gt;...&lt;/Message&gt;&lt;Resource&gt;/s3/b/k&lt;/Resource&gt;&lt;RequestId&gt;...&lt;/RequestId&gt;&lt;/Error&gt;
 * </pre>
 * Every S3 error and its wording is made here.
 */
final class S3Error extends RuntimeException {
    private final String code;
    private final int status;

    S3Error(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    static S3Error noSuchBucket() {
        return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist");
    }

    static S3Error noSuchKey() {
        return new S3Error(404, "NoSuchKey", "The specified key does not exist.");
    }

    static S3Error bucketAlreadyOwnedByYou() {
        return new S3Error(409, "BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already own it.");
    }

    static S3Error bucketNotEmpty() {
        return new S3Error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
    }

    static S3Error invalidBucketName(String problem) {
        return new S3Error(400, "InvalidBucketName", "The specified bucket is not valid: " + problem + ".");
    }

    static S3Error keyTooLong(int max) {
        return new S3Error(400, "KeyTooLongError", "Your key is too long: at most " + max + " bytes of UTF-8.");
    }

    static S3Error entityTooLarge(long max) {
        return new S3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size of "
                + max + " bytes.");
    }

    static S3Error badDigest() {
        return new S3Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
    }

    static S3Error invalidDigest() {
        return new S3Error(400, "InvalidDigest", "The Content-MD5 you specified is not valid: base64 of 16 bytes.");
    }

    static S3Error invalidArgument(String message) {
        return new S3Error(400, "InvalidArgument", message);
    }

    static S3Error metadataTooLarge(int max) {
        return new S3Error(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size of "
                + max + " bytes.");
    }

    static S3Error headersTooLarge(int max) {
        return new S3Error(400, "RequestHeaderSectionTooLarge", "Your Cache-Control, Content-Disposition, "
                + "Content-Language and Expires headers exceed the maximum allowed size of " + max + " bytes.");
    }

    static S3Error invalidRange(long size) {
        return new S3Error(416, "InvalidRange", "The requested range is not satisfiable: the object is " + size
                + " bytes.");
    }

    static S3Error preconditionFailed(String condition) {
        return new S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold: "
                + condition + ".");
    }

    static S3Error notImplemented(String what) {
        return new S3Error(501, "NotImplemented", what + " is not implemented by Nimbus; see docs/storage.md for the "
                + "operations it implements.");
    }

    static S3Error methodNotAllowed(String method) {
        return new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource: "
                + method + ".");
    }

    static S3Error internal() {
        return new S3Error(500, "InternalError", "We encountered an internal error. Please try again.");
    }

    /** Sends the error; a HEAD request gets the status and headers only, as S3 answers. */
    void send(ServerResponse res, String resource, String requestId, boolean head) {
        res.header(S3Api.REQUEST_ID, requestId);
        res.header(S3Api.ID_2, requestId);
        res.status(status);
        if (head) {
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/xml");
        res.send(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + S3Xml.escape(getMessage()) + "</Message><Resource>" + S3Xml.escape(resource) + "</Resource><RequestId>"
                + requestId + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8));
    }
}
