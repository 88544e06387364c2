package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Function URLs configured through the AWS SDK and served on {@code /url/<id>/}. */
class FunctionUrlsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String APP = """
            import json, os
            def handler(event, context):
                return {"statusCode": 201, "headers": {"x-version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"]},
                        "body": json.dumps({"path": event["rawPath"], "method": event["requestContext"]["http"]["method"],
                                            "query": event.get("rawQueryString"), "arn": context.invoked_function_arn})}
            """;

    @TempDir
    static Path data;
    static NimbusProcess server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data, LambdaClients.serverSettings());
        lambda = LambdaClients.create(server.url());
        lambda.createFunction(b -> b.functionName("site").runtime(Runtime.PYTHON3_12).handler("app.handler")
                .role("arn:aws:iam::000000000000:role/x").publish(true)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("app.py", APP))))));
        lambda.createAlias(b -> b.functionName("site").name("live").functionVersion("1"));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        server.close();
    }

    @Test
    void anOpenUrlServesItsFunctionWithAnHttpApiEventAndCors() throws Exception {
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("site").authType(FunctionUrlAuthType.NONE)
                .cors(c -> c.allowOrigins("https://app.example").allowMethods("GET", "POST").allowHeaders("x-token")
                        .exposeHeaders("x-version").maxAge(600))).functionUrl();

        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "orders/7?full=1"))
                .header("Origin", "https://app.example").GET().build(), HttpResponse.BodyHandlers.ofString());
        var preflight = HTTP.send(HttpRequest.newBuilder(URI.create(url + "orders/7"))
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        var otherOrigin = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://evil.example")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(url).startsWith(server.url() + "/url/").hasSizeGreaterThanOrEqualTo(40).endsWith("/");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-version")).contains("$LATEST");
        assertThat(response.body()).contains("\"path\": \"/orders/7\"", "\"method\": \"GET\"", "\"query\": \"full=1\"",
                "function:site\"");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).contains("x-version");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("x-token");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("600");
        assertThat(otherOrigin.statusCode()).isEqualTo(201);
        assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        lambda.deleteFunctionUrlConfig(b -> b.functionName("site"));
        var gone = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(403);
        assertThat(gone.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
    }

    @Test
    void anIamUrlOfAnAliasNeedsASignedRequest() throws Exception {
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("site").qualifier("live")
                .authType(FunctionUrlAuthType.AWS_IAM)).functionUrl();
        String path = URI.create(url).getRawPath() + "report";
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        var unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(url + "report"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        var signed = LambdaClients.send(LambdaClients.signedPost(server.url(), path, body, Instant.now()), body);

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(signed.statusCode()).isEqualTo(201);
        assertThat(signed.headers().firstValue("x-version")).as("the alias's version runs").contains("1");
        assertThat(signed.body()).contains("\"path\": \"/report\"", "function:site:live\"");
    }

    @Test
    void anUnknownUrlIsForbidden() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/url/" + "0".repeat(32) + "/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"Message\":null}");
    }
}
