package dev.nimbus.events.s3;

import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import java.util.Set;

/**
 * Lets uploads with {@code Content-Encoding: aws-chunked} (the AWS SDKs' default for PutObject)
 * reach {@link S3Api}: the web server refuses a body whose encoding it does not know, so this
 * one is known and passed through as it is; {@code S3Payload} decodes and verifies it. Register it
 * in the server's content encodings beside the discovered ones.
 */
public final class AwsChunkedEncoding implements ContentEncoding {

    @Override
    public Set<String> ids() {
        return Set.of("aws-chunked");
    }

    @Override
    public boolean supportsEncoding() {
        return false;
    }

    @Override
    public boolean supportsDecoding() {
        return true;
    }

    @Override
    public ContentDecoder decoder() {
        return ContentDecoder.NO_OP;
    }

    @Override
    public ContentEncoder encoder() {
        throw new UnsupportedOperationException("aws-chunked is only decoded, by the S3 API");
    }

    @Override
    public String name() {
        return "aws-chunked";
    }

    @Override
    public String type() {
        return "aws-chunked";
    }
}
