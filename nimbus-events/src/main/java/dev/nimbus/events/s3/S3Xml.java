package dev.nimbus.events.s3;

import dev.nimbus.core.object.Bucket;
import dev.nimbus.core.object.ObjectSummary;
import dev.nimbus.events.objects.ObjectEvents;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** S3's XML response documents, namespace {@code http://s3.amazonaws.com/doc/2006-03-01/}. */
final class S3Xml {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final String OWNER = "<Owner><ID>nimbus</ID><DisplayName>nimbus</DisplayName></Owner>";

    private S3Xml() {
    }

    static byte[] buckets(List<Bucket> buckets) {
        var xml = new StringBuilder(DECLARATION).append("<ListAllMyBucketsResult xmlns=\"").append(NAMESPACE)
                .append("\">").append(OWNER).append("<Buckets>");
        for (Bucket b : buckets) {
            xml.append("<Bucket><Name>").append(escape(b.name())).append("</Name><CreationDate>")
                    .append(TIMESTAMP.format(b.createdAt())).append("</CreationDate></Bucket>");
        }
        return xml.append("</Buckets></ListAllMyBucketsResult>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** ListObjectsV2's answer; with {@code url} encoding, keys and prefixes are URL-encoded as in event records. */
    static byte[] listing(String bucket, Listing.Request request, Listing.Result result) {
        boolean url = request.urlEncoding();
        var xml = new StringBuilder(DECLARATION).append("<ListBucketResult xmlns=\"").append(NAMESPACE).append("\">");
        element(xml, "Name", bucket);
        element(xml, "Prefix", text(request.prefix(), url));
        if (request.delimiter() != null) {
            element(xml, "Delimiter", text(request.delimiter(), url));
        }
        element(xml, "MaxKeys", Integer.toString(request.maxKeys()));
        if (url) {
            element(xml, "EncodingType", "url");
        }
        element(xml, "KeyCount", Integer.toString(result.contents().size() + result.commonPrefixes().size()));
        element(xml, "IsTruncated", Boolean.toString(result.truncated()));
        if (request.continuationToken() != null) {
            element(xml, "ContinuationToken", request.continuationToken());
        }
        if (result.nextToken() != null) {
            element(xml, "NextContinuationToken", result.nextToken());
        }
        if (request.startAfter() != null) {
            element(xml, "StartAfter", text(request.startAfter(), url));
        }
        for (ObjectSummary o : result.contents()) {
            xml.append("<Contents>");
            element(xml, "Key", text(o.key(), url));
            element(xml, "LastModified", TIMESTAMP.format(o.lastModified()));
            element(xml, "ETag", "\"" + o.etag() + "\"");
            element(xml, "Size", Long.toString(o.size()));
            element(xml, "StorageClass", "STANDARD");
            xml.append("</Contents>");
        }
        for (String prefix : result.commonPrefixes()) {
            xml.append("<CommonPrefixes>");
            element(xml, "Prefix", text(prefix, url));
            xml.append("</CommonPrefixes>");
        }
        return xml.append("</ListBucketResult>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(String value, boolean url) {
        return url ? ObjectEvents.encodeKey(value) : value;
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
    }

    /** Escapes text for XML; keys never hold control characters, which XML 1.0 cannot carry. */
    static String escape(String s) {
        var sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#13;");
                case '\n' -> sb.append("&#10;");
                case '\t' -> sb.append("&#9;");
                default -> sb.append(c < 0x20 ? '?' : c);
            }
        }
        return sb.toString();
    }
}
