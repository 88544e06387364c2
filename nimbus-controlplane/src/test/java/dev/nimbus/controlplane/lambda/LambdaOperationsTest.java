package dev.nimbus.controlplane.lambda;

import dev.nimbus.core.tenancy.Tenancy;
import java.util.Optional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.controlplane.function.GateResult;
import dev.nimbus.controlplane.function.PoolHooks;
import dev.nimbus.controlplane.lambda.ResponseShapes.AliasConfiguration;
import dev.nimbus.controlplane.lambda.ResponseShapes.FunctionConfiguration;
import dev.nimbus.controlplane.lambda.ResponseShapes.FunctionUrlConfig;
import dev.nimbus.controlplane.lambda.ResponseShapes.GetFunction;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.logs.FunctionLogs;
import dev.nimbus.core.logs.LogRecord;
import dev.nimbus.store.code.CodeStores;
import dev.nimbus.store.sql.SqlStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lambda operations over a real function service, SQLite store and code store; no HTTP. */
class LambdaOperationsTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/x";
    @TempDir
    Path dir;
    private SqlStore store;
    private FunctionsResource functions;
    private VersionsResource versions;
    private ConcurrencyResource concurrency;
    private UrlsResource urls;
    private ProvisionedResource provisioned;
    private volatile GateResult gateAnswer = GateResult.ADMITTED;
    private final Map<String, Integer> warm = new HashMap<>();

    @BeforeEach
    void open() throws IOException {
        store = SqlStore.sqlite(dir);
        CodeStore code = CodeStores.onDisk(dir);
        var hooks = new PoolHooks((candidate, previous) -> gateAnswer, (name, version) -> warm.getOrDefault(version, 0));
        var service = new FunctionService(store.functions(), code, new NoListener(), new NoLogs(), secret -> true, Tenancy.SINGLE, hooks,
                InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")), () -> 0.5);
        var json = new LambdaJson(new ObjectMapper());
        functions = new FunctionsResource(service, code, Tenancy.SINGLE, json);
        versions = new VersionsResource(service, json);
        concurrency = new ConcurrencyResource(service, json);
        urls = new UrlsResource(service, json);
        provisioned = new ProvisionedResource(service, json);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] zip(String source) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write(source.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Exchange ex(String function, String body, String... query) {
        return exAlias(function, null, body, query);
    }

    static Exchange exAlias(String function, String alias, String body, String... query) {
        Map<String, String> q = new HashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            q.put(query[i], query[i + 1]);
        }
        return new Exchange("localhost:9000", function, alias, q, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    private FunctionConfiguration create(String name, String extra) throws IOException {
        Reply reply = functions.create(ex(null, """
                {"FunctionName":"%s","Runtime":"python3.12","Handler":"app.handler","Role":"%s",
                 "Code":{"ZipFile":"%s"}%s}""".formatted(name, ROLE, b64(zip("def handler(e, c): return 1")), extra)));
        assertThat(reply.status()).isEqualTo(201);
        return (FunctionConfiguration) reply.body();
    }

    /** Asserts the error the API answers for what {@code call} throws. */
    private static void assertFault(ThrowingCallable call, int status, String type, String messagePart) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("thrown").isNotNull();
        LambdaErrors.Fault f = LambdaErrors.classify(thrown);
        assertThat(f).as("classified %s", thrown).isNotNull();
        assertThat(f.status()).isEqualTo(status);
        assertThat(f.type()).isEqualTo(type);
        assertThat(f.getMessage()).contains(messagePart);
    }

    @Test
    void createdFunctionsReadBackActiveWithDefaultsAndADownloadableCode() throws IOException {
        FunctionConfiguration created = create("orders", "");

        assertThat(created.timeout()).isEqualTo(3);
        assertThat(created.memorySize()).isEqualTo(128);
        assertThat(created.state()).isEqualTo("Active");
        var got = (GetFunction) functions.get(ex("orders", "")).body();
        assertThat(got.configuration()).isEqualTo(created);
        assertThat(got.code().location()).isEqualTo("http://localhost:9000/api/v1/code/"
                + Configurations.hex(created.codeSha256()));
        assertThat(got.concurrency()).isNull();
        var byArn = (FunctionConfiguration) functions.getConfiguration(
                ex("arn:aws:lambda:us-east-1:000000000000:function:orders", "")).body();
        assertThat(byArn.revisionId()).isEqualTo(created.revisionId());
    }

    @Test
    void createRefusesWhatAwsRefuses() throws IOException {
        create("orders", "");
        assertFault(() -> create("orders", ""), 409, "ResourceConflictException", "Function already exist: orders");
        assertFault(() -> functions.create(ex(null, "{\"FunctionName\":\"x\",\"Runtime\":\"cobol85\",\"Handler\":\"a.b\","
                + "\"Role\":\"" + ROLE + "\",\"Code\":{\"ZipFile\":\"" + b64(zip("")) + "\"}}")),
                400, "InvalidParameterValueException", "Value cobol85 at 'runtime'");
        assertFault(() -> functions.create(ex(null, "{\"FunctionName\":\"x\",\"Runtime\":\"python3.12\",\"Handler\":\"a.b\","
                + "\"Role\":\"" + ROLE + "\",\"Code\":{\"ZipFile\":\"" + b64("not a zip".getBytes()) + "\"}}")),
                400, "InvalidParameterValueException", "Could not unzip uploaded file.");
        assertFault(() -> functions.create(ex(null, "{\"FunctionName\":\"x\",\"Runtime\":\"python3.12\",\"Handler\":\"a.b\","
                + "\"Role\":\"" + ROLE + "\",\"Code\":{\"S3Bucket\":\"b\",\"S3Key\":\"k\"}}")),
                400, "InvalidParameterValueException", "only as Code.ZipFile");
        assertFault(() -> functions.create(ex(null, "{\"FunctionName\":\"x\",\"Runtime\":\"python3.12\",\"Handler\":\"a.b\","
                + "\"Role\":\"admin\",\"Code\":{\"ZipFile\":\"" + b64(zip("")) + "\"}}")),
                400, "ValidationException", "at 'role'");
        assertFault(() -> create("big", ",\"MemorySize\":64"), 400, "ValidationException", "at 'memorySize'");
        assertFault(() -> create("slow", ",\"Timeout\":901"), 400, "ValidationException",
                "Member must have value less than or equal to 900");
        assertFault(() -> functions.get(ex("nothing", "")), 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nothing");
    }

    @Test
    void updatesChangeRevisionIdAndStaleRevisionIdsAreRefused() throws IOException {
        FunctionConfiguration created = create("orders", "");

        var updated = (FunctionConfiguration) functions.updateConfiguration(ex("orders",
                "{\"Timeout\":30,\"Environment\":{\"Variables\":{\"KEY\":\"v\"}},\"RevisionId\":\"" + created.revisionId() + "\"}"))
                .body();

        assertThat(updated.timeout()).isEqualTo(30);
        assertThat(updated.memorySize()).isEqualTo(128);
        assertThat(updated.environment().variables()).containsEntry("KEY", "v");
        assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());
        assertFault(() -> functions.updateConfiguration(ex("orders", "{\"RevisionId\":\"" + created.revisionId() + "\"}")),
                412, "PreconditionFailedException", "The Revision Id provided does not match");
        assertFault(() -> functions.updateCode(ex("orders:1", "{\"ZipFile\":\"" + b64(zip("x = 1")) + "\"}")),
                400, "InvalidParameterValueException", "permitted on Lambda functions only");
    }

    @Test
    void dryRunChecksTheCodeWithoutChangingTheFunction() throws IOException {
        FunctionConfiguration created = create("orders", "");
        byte[] next = zip("def handler(e, c): return 2");

        var dry = (FunctionConfiguration) functions.updateCode(ex("orders",
                "{\"ZipFile\":\"" + b64(next) + "\",\"DryRun\":true}")).body();

        assertThat(dry.codeSha256()).isNotEqualTo(created.codeSha256());
        assertThat(dry.codeSize()).isEqualTo(next.length);
        assertThat(((FunctionConfiguration) functions.getConfiguration(ex("orders", "")).body())).isEqualTo(created);
    }

    @Test
    void publishingFreezesLatestOnceAndChecksTheCodeSha() throws IOException {
        FunctionConfiguration created = create("orders", ",\"Publish\":true");
        assertThat(created.version()).isEqualTo("1");
        assertThat(created.functionArn()).endsWith(":orders:1");

        var same = (FunctionConfiguration) versions.publish(ex("orders", "")).body();
        assertThat(same.version()).isEqualTo("1");
        assertFault(() -> versions.publish(ex("orders", "{\"CodeSha256\":\"" + b64(new byte[32]) + "\"}")),
                412, "PreconditionFailedException", "is different from current CodeSHA256");

        functions.updateCode(ex("orders", "{\"ZipFile\":\"" + b64(zip("def handler(e, c): return 3")) + "\"}"));
        var latest = (FunctionConfiguration) functions.getConfiguration(ex("orders", "")).body();
        var second = (FunctionConfiguration) versions.publish(ex("orders",
                "{\"CodeSha256\":\"" + latest.codeSha256() + "\",\"Description\":\"two\"}")).body();

        assertThat(second.version()).isEqualTo("2");
        assertThat(second.description()).isEqualTo("two");
        var listed = (ResponseShapes.ListVersions) versions.list(ex("orders", "")).body();
        assertThat(listed.versions()).extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");
        assertThat(listed.versions().getFirst().functionArn()).endsWith(":orders:$LATEST");
        assertThat(listed.versions()).allSatisfy(v -> assertThat(v.state()).isNull());
        var all = (ResponseShapes.ListFunctions) functions.list(ex(null, "", "FunctionVersion", "ALL")).body();
        assertThat(all.functions()).extracting(FunctionConfiguration::functionArn)
                .containsExactly(created.functionArn().replace(":1", ":$LATEST"), created.functionArn(),
                        second.functionArn());
    }

    @Test
    void aliasesRouteBetweenTwoVersionsAtMost() throws IOException {
        create("orders", ",\"Publish\":true");
        functions.updateCode(ex("orders", "{\"ZipFile\":\"" + b64(zip("def handler(e, c): return 3")) + "\"}"));
        versions.publish(ex("orders", ""));

        assertFault(() -> versions.createAlias(ex("orders", "{\"Name\":\"live\",\"FunctionVersion\":\"1\","
                        + "\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":0.1,\"3\":0.1}}}")),
                400, "InvalidParameterValueException", "cannot be greater than 1");
        assertFault(() -> versions.createAlias(ex("orders", "{\"Name\":\"live\",\"FunctionVersion\":\"1\","
                + "\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":1.5}}}")), 400, "ValidationException", "1.0");
        assertFault(() -> versions.createAlias(ex("orders", "{\"Name\":\"live\",\"FunctionVersion\":\"9\"}")),
                404, "ResourceNotFoundException", "function:orders:9");
        var live = (AliasConfiguration) versions.createAlias(ex("orders", "{\"Name\":\"live\",\"FunctionVersion\":\"1\","
                + "\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":0.25}}}")).body();
        assertThat(live.aliasArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:orders:live");
        assertThat(live.routingConfig().additionalVersionWeights()).isEqualTo(Map.of("2", 0.25));
        assertFault(() -> versions.createAlias(ex("orders", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}")),
                409, "ResourceConflictException", "Alias already exists: arn:aws:lambda:");
        assertFault(() -> functions.delete(ex("orders", "", "Qualifier", "2")), 409, "ResourceConflictException", "live");

        var cleared = (AliasConfiguration) versions.updateAlias(exAlias("orders", "live",
                "{\"RoutingConfig\":{\"AdditionalVersionWeights\":{}}}")).body();
        assertThat(cleared.routingConfig()).isNull();
        assertThat(cleared.functionVersion()).isEqualTo("1");
        var viaAlias = (FunctionConfiguration) functions.getConfiguration(ex("orders:live", "")).body();
        assertThat(viaAlias.version()).isEqualTo("1");
        assertThat(viaAlias.functionArn()).endsWith(":orders:live");

        assertThat(functions.delete(ex("orders", "", "Qualifier", "2")).status()).isEqualTo(204);
        assertThat(versions.deleteAlias(exAlias("orders", "live", "")).status()).isEqualTo(204);
        assertFault(() -> versions.getAlias(exAlias("orders", "live", "")), 404, "ResourceNotFoundException",
                "Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:orders:live");
    }

    @Test
    void reservedConcurrencyIsFunctionWideAndShownByGetFunction() throws IOException {
        create("orders", "");
        assertThat(concurrency.get(ex("orders", "")).body()).isEqualTo(new ResponseShapes.Concurrency(null));

        concurrency.put(ex("orders", "{\"ReservedConcurrentExecutions\":7}"));

        assertThat(((GetFunction) functions.get(ex("orders", "")).body()).concurrency())
                .isEqualTo(new ResponseShapes.Concurrency(7));
        assertFault(() -> concurrency.put(ex("orders:1", "{\"ReservedConcurrentExecutions\":7}")),
                400, "InvalidParameterValueException", "Aliases and versions do not support this operation");
        assertFault(() -> concurrency.put(ex("orders", "{\"ReservedConcurrentExecutions\":-1}")),
                400, "ValidationException", "greater than or equal to 0");
        assertThat(concurrency.delete(ex("orders", "")).status()).isEqualTo(204);
        assertThat(concurrency.get(ex("orders", "")).body()).isEqualTo(new ResponseShapes.Concurrency(null));
    }

    @Test
    void functionUrlsBelongToTheFunctionOrAnAlias() throws IOException {
        create("orders", ",\"Publish\":true");
        versions.createAlias(ex("orders", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}"));

        var created = (FunctionUrlConfig) urls.create(ex("orders", "{\"AuthType\":\"NONE\",\"Cors\":{\"AllowOrigins\":[\"*\"]}}"))
                .body();
        assertThat(created.functionUrl()).startsWith("http://localhost:9000/url/").endsWith("/").hasSizeGreaterThan(40);
        assertThat(created.lastModifiedTime()).isNull();
        assertThat(created.cors().get("AllowOrigins").get(0).asText()).isEqualTo("*");
        urls.create(ex("orders", "{\"AuthType\":\"AWS_IAM\"}", "Qualifier", "live"));
        assertFault(() -> urls.create(ex("orders", "{\"AuthType\":\"NONE\"}")), 409, "ResourceConflictException",
                "[functionArn = arn:aws:lambda:us-east-1:000000000000:function:orders]. Error message:  FunctionUrlConfig exists");
        assertFault(() -> urls.create(ex("orders", "{\"AuthType\":\"NONE\"}", "Qualifier", "1")), 400,
                "ValidationException", "at 'qualifier'");

        var updated = (FunctionUrlConfig) urls.update(ex("orders", "{\"AuthType\":\"AWS_IAM\"}")).body();
        assertThat(updated.authType()).isEqualTo("AWS_IAM");
        assertThat(updated.cors()).isEqualTo(created.cors());
        assertThat(updated.functionUrl()).isEqualTo(created.functionUrl());
        var listed = (ResponseShapes.ListFunctionUrlConfigs) urls.list(ex("orders", "")).body();
        assertThat(listed.functionUrlConfigs()).extracting(FunctionUrlConfig::functionArn)
                .containsExactly("arn:aws:lambda:us-east-1:000000000000:function:orders",
                        "arn:aws:lambda:us-east-1:000000000000:function:orders:live");
        assertThat(urls.delete(ex("orders", "")).status()).isEqualTo(204);
        assertFault(() -> urls.get(ex("orders", "")), 404, "ResourceNotFoundException", "does not exist");
    }

    @Test
    void deletingTheFunctionRemovesIt() throws IOException {
        create("orders", "");
        assertFault(() -> functions.delete(ex("orders", "", "Qualifier", "$LATEST")), 400,
                "InvalidParameterValueException", "$LATEST");

        assertThat(functions.delete(ex("orders", "")).status()).isEqualTo(204);

        assertFault(() -> functions.get(ex("orders", "")), 404, "ResourceNotFoundException", "Function not found");
        assertFault(() -> functions.delete(ex("orders", "")), 404, "ResourceNotFoundException", "Function not found");
    }

    @Test
    void aFailedUpdateAnswers200WithLastUpdateStatusFailedAndTheOldCodeServes() throws IOException {
        FunctionConfiguration created = create("orders", "");
        gateAnswer = new GateResult.Refused("Runtime.InitTimeout", "init did not finish within 10 s");

        var reply = functions.updateCode(ex("orders", "{\"ZipFile\":\"" + b64(zip("import nothing")) + "\"}"));

        assertThat(reply.status()).isEqualTo(200);
        var failed = (FunctionConfiguration) reply.body();
        assertThat(failed.codeSha256()).isEqualTo(created.codeSha256());
        assertThat(failed.revisionId()).isEqualTo(created.revisionId());
        assertThat(failed.lastUpdateStatus()).isEqualTo("Failed");
        assertThat(failed.lastUpdateStatusReason()).isEqualTo("Runtime.InitTimeout: init did not finish within 10 s");
        assertThat(failed.lastUpdateStatusReasonCode()).isEqualTo("FunctionError.InitTimeout");
        assertThat(functions.getConfiguration(ex("orders", "")).body()).isEqualTo(failed);

        gateAnswer = new GateResult.Refused("Runtime.ExitError", "exit status 1");
        var config = (FunctionConfiguration) functions.updateConfiguration(ex("orders", "{\"Timeout\":9}")).body();
        assertThat(config.timeout()).isEqualTo(3);
        assertThat(config.lastUpdateStatusReasonCode()).isEqualTo("FunctionError");

        gateAnswer = GateResult.ADMITTED;
        var fixed = (FunctionConfiguration) functions.updateConfiguration(ex("orders", "{\"Timeout\":9}")).body();
        assertThat(fixed.lastUpdateStatus()).isEqualTo("Successful");
        assertThat(fixed.lastUpdateStatusReason()).isNull();
        assertThat(((FunctionConfiguration) functions.getConfiguration(ex("orders", "")).body()).lastUpdateStatus())
                .isEqualTo("Successful");
    }

    @Test
    void provisionedConcurrencyPutGetListAndDeleteAsLambdaDoes() throws IOException {
        create("orders", ",\"Publish\":true");
        versions.createAlias(ex("orders", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}"));

        Reply put = provisioned.put(ex("orders", "{\"ProvisionedConcurrentExecutions\":2}", "Qualifier", "1"));
        assertThat(put.status()).isEqualTo(202);
        assertThat(put.body()).isEqualTo(new ResponseShapes.ProvisionedConcurrency(null, 2, 0, 0, "IN_PROGRESS",
                "2026-01-02T03:04:05.000+0000"));
        warm.put("1", 3);
        assertThat(provisioned.get(ex("orders:1", "")).body()).isEqualTo(new ResponseShapes.ProvisionedConcurrency(
                null, 2, 2, 2, "READY", "2026-01-02T03:04:05.000+0000"));
        provisioned.put(ex("orders", "{\"ProvisionedConcurrentExecutions\":1}", "Qualifier", "live"));

        var listed = (ResponseShapes.ListProvisionedConcurrencyConfigs) provisioned.get(ex("orders", "", "List", "ALL")).body();
        assertThat(listed.provisionedConcurrencyConfigs()).extracting(ResponseShapes.ProvisionedConcurrency::functionArn)
                .containsExactly("arn:aws:lambda:us-east-1:000000000000:function:orders:1",
                        "arn:aws:lambda:us-east-1:000000000000:function:orders:live");

        assertThat(provisioned.delete(ex("orders", "", "Qualifier", "1")).status()).isEqualTo(204);
        assertFault(() -> provisioned.get(ex("orders", "", "Qualifier", "1")), 404,
                "ProvisionedConcurrencyConfigNotFoundException", "No Provisioned Concurrency Config found");
        assertFault(() -> provisioned.delete(ex("orders", "", "Qualifier", "1")), 404,
                "ProvisionedConcurrencyConfigNotFoundException", "No Provisioned Concurrency Config found");
    }

    @Test
    void provisionedConcurrencyRefusalsUseAwsErrorTypes() throws IOException {
        create("orders", ",\"Publish\":true");

        assertFault(() -> provisioned.put(ex("orders", "{\"ProvisionedConcurrentExecutions\":1}", "Qualifier", "$LATEST")),
                400, "InvalidParameterValueException", "cannot be applied to unpublished function versions");
        assertFault(() -> provisioned.get(ex("orders", "", "Qualifier", "$LATEST")), 400,
                "InvalidParameterValueException", "must be an alias or a published version");
        assertFault(() -> provisioned.put(ex("orders", "{\"ProvisionedConcurrentExecutions\":1}")), 400,
                "ValidationException", "'qualifier' failed to satisfy constraint: Member must not be null");
        assertFault(() -> provisioned.put(ex("orders", "{\"ProvisionedConcurrentExecutions\":0}", "Qualifier", "1")),
                400, "ValidationException", "greater than or equal to 1");
        assertFault(() -> provisioned.put(ex("orders", "{\"ProvisionedConcurrentExecutions\":101}", "Qualifier", "1")),
                400, "ValidationException", "'provisionedConcurrentExecutions' failed to satisfy constraint");
        assertFault(() -> provisioned.put(ex("orders", "{\"ProvisionedConcurrentExecutions\":1}", "Qualifier", "7")),
                404, "ResourceNotFoundException", "function:orders:7");
        assertFault(() -> provisioned.get(ex("nope", "", "Qualifier", "1")), 404, "ResourceNotFoundException",
                "Function not found");
        assertFault(() -> provisioned.get(ex("orders", "", "List", "SOME")), 400, "ValidationException", "[ALL]");
        concurrency.put(ex("orders", "{\"ReservedConcurrentExecutions\":1}"));
        assertFault(() -> provisioned.put(ex("orders", "{\"ProvisionedConcurrentExecutions\":2}", "Qualifier", "1")),
                400, "InvalidParameterValueException", "should not be greater than its reserved concurrency (1)");
    }

    private static final class NoListener implements FunctionListener {
        @Override
        public void revisionActivated(FunctionRevision revision) {
        }

        @Override
        public void versionDeleted(String name, String version) {
        }

        @Override
        public void functionDeleted(String name) {
        }

        @Override
        public void reservedConcurrencyChanged(String name, Integer reserved) {
        }

        @Override
        public void provisionedFloorsChanged(String name, Map<String, Integer> floorPerVersion) {
        }
    }

    private static final class NoLogs implements FunctionLogs {
        @Override
        public void append(LogRecord record) {
        }

        @Override
        public List<LogRecord> tail(String function, int limit) {
            return List.of();
        }

        @Override
        public AutoCloseable follow(String function, Consumer<LogRecord> listener) {
            return () -> { };
        }

        @Override
        public void delete(String function) {
        }
    }
}
