package dev.nimbus.core.auth;

import static dev.nimbus.core.auth.SdkSigning.ACCESS_KEY;
import static dev.nimbus.core.auth.SdkSigning.SECRET;
import static dev.nimbus.core.auth.SdkSigning.SIGNED_AT;
import static dev.nimbus.core.auth.SdkSigning.received;
import static dev.nimbus.core.auth.SdkSigning.request;
import static dev.nimbus.core.auth.SdkSigning.sign;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;

class CanonicalRequestTest {
    final SigV4Verifier verifier = SigV4VerifierTest.verifierAt(SIGNED_AT);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "/2015-03-31/functions/my%3Afn/invocations | /2015-03-31/functions/my%253Afn/invocations",
        "/2015-03-31/functions/fn%24LATEST/         | /2015-03-31/functions/fn%2524LATEST/",
        "/a/./b//c/../d                             | /a/b/d",
        "/a/b/..                                    | /a",
        "/a/b/../                                   | /a/",
        "/../a                                      | /../a",
        "/../../a/..                                | /../..",
        "/a%2F..%2Fb                                | /a%252F..%252Fb",
        "/caf\u00e9 x:y                              | /caf%C3%A9%20x%3Ay",
        "\"\"                                       | /",
    })
    void thePathIsNormalizedAndEncodedAgain(String rawPath, String canonical) {
        assertThat(CanonicalRequest.uri(rawPath)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "///", "/a//b", "//a/b", "/a/b/", "/a/./b", "/a/.", "/a/..", "/..", "/../a",
        "/../../a", "/a/../../b", "/a/b/..", "/a/b/../", "/.", "/./", "/a/...", "/a/.b/", "/a%2F..%2Fb", "/a/%2e/b", "/a//../b",
        "/a/b//", "/%7Efn~x", "/a%20b/%25", "/fn%3Aalias%2Finvocations"})
    void pathsAgreeWithTheSdk(String encodedPath) {
        var signed = sign(request(SdkHttpMethod.GET, encodedPath).build(), new byte[0], ACCESS_KEY, SECRET);

        assertThat(verifier.verify(received(signed, new byte[0]))).isInstanceOf(Verdict.Accepted.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Qualifier=%24LATEST&Marker=a%2Fb     | Marker=a%2Fb&Qualifier=%24LATEST",
        "Qualifier=$LATEST&Marker=a/b         | Marker=a%2Fb&Qualifier=%24LATEST",
        "b=2&a=z&a=1                          | a=1&a=z&b=2",
        "flag&x=                              | flag=&x=",
        "=orphan&&x=1                         | x=1",
        "plus=a+b&space=a%20b&tilde=%7E       | plus=a%2Bb&space=a%20b&tilde=~",
        "bad=%zz%4&utf8=%C3%A9&raw=\u00e9       | bad=%25zz%254&raw=%C3%A9&utf8=%C3%A9",
        "\"\"                                 | \"\"",
    })
    void theQueryIsDecodedReencodedAndSorted(String rawQuery, String canonical) {
        assertThat(CanonicalRequest.query(rawQuery)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Marker       | a/b",
        "Tag          | \"a=b&c d+e%f\"",
        "Name         | \u00e9t\u00e9 \u2603",
        "Empty        | \"\"",
        "a&b=c        | x",
    })
    void queryParametersAgreeWithTheSdk(String name, String value) {
        var signed = sign(request(SdkHttpMethod.GET, "/2015-03-31/functions")
                .putRawQueryParameter(name, value).putRawQueryParameter("Other", "1").build(), new byte[0], ACCESS_KEY, SECRET);

        assertThat(verifier.verify(received(signed, new byte[0]))).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void signedHeadersAreTrimmedCollapsedAndJoined() {
        Map<String, List<String>> headers = new SignedRequest("GET", "/", null,
                Map.of("Host", List.of(" localhost:9000 "), "X-Multi", List.of("  a \t  b ", "c"), "Empty", List.of("")),
                Signing.sha256Hex(new byte[0])).headers();

        assertThat(CanonicalRequest.headers(headers, List.of("empty", "host", "x-multi")))
                .isEqualTo("empty:\nhost:localhost:9000\nx-multi:a b,c\n");
    }
}
