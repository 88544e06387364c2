package dev.nimbus.controlplane.lambda;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import dev.nimbus.controlplane.function.DeployRequest;
import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.controlplane.lambda.RequestShapes.CreateFunction;
import dev.nimbus.controlplane.lambda.RequestShapes.Environment;
import dev.nimbus.controlplane.lambda.RequestShapes.UpdateFunctionCode;
import dev.nimbus.controlplane.lambda.RequestShapes.UpdateFunctionConfiguration;
import dev.nimbus.controlplane.lambda.ResponseShapes.CodeLocation;
import dev.nimbus.controlplane.lambda.ResponseShapes.Concurrency;
import dev.nimbus.controlplane.lambda.ResponseShapes.FunctionConfiguration;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.LastUpdate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Create, get, list, update and delete functions (lambda-compat.md §5.2-5.4), each a call of the
 * function service.
 *
 * <p>Threading: stateless; called from request threads.
 */
final class FunctionsResource {
    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private final FunctionService functions;
    private final CodeStore code;
    private final Tenancy tenancy;
    private final LambdaJson json;

    FunctionsResource(FunctionService functions, CodeStore code, Tenancy tenancy, LambdaJson json) {
        this.functions = functions;
        this.code = code;
        this.tenancy = tenancy;
        this.json = json;
    }

    /** CreateFunction: stores the zip, creates {@code $LATEST} and with {@code Publish} also version 1. */
    Reply create(Exchange ex) throws IOException {
        CreateFunction in = json.read(ex.body(), CreateFunction.class);
        if (in.functionName() == null) {
            throw LambdaErrors.required("functionName");
        }
        FunctionRef ref = FunctionRef.parse(in.functionName()).unqualified();
        checkRole(in.role(), true);
        if (in.packageType() != null && !in.packageType().equals("Zip")) {
            throw LambdaErrors.invalidParameter(LambdaErrors.ZIP_ONLY);
        }
        if (in.code() == null) {
            throw LambdaErrors.required("code");
        }
        byte[] zip = zip(in.code().zipFile(), in.code().s3Bucket() != null || in.code().imageUri() != null);
        if (in.runtime() == null || in.handler() == null) {
            throw LambdaErrors.invalidParameter(LambdaErrors.RUNTIME_AND_HANDLER);
        }
        String runtime = LambdaRuntimes.toNimbus(in.runtime()).id();
        checkLimits(in.memorySize(), in.timeout(), in.layers());
        LambdaRuntimes.checkArchitectures(in.architectures());
        if (functions.state(ref.name()).isPresent()) {
            throw LambdaErrors.conflict("Function already exist: " + ref.name());
        }
        if (ex.scope().isPresent() && !tenancy.claim(ResourceKind.FUNCTION, ref.name(), ex.scope().get().namespace())
                .equals(ex.scope().get().namespace())) {
            throw new LambdaErrors.Fault(403, "AccessDeniedException", "The function name belongs to another namespace");
        }
        functions.checkCodeSize(ref.name(), zip.length); // before storing it
        CodeStore.StoredCode stored = code.put(new ByteArrayInputStream(zip));
        FunctionRevision created = functions.deploy(ref.name(), new DeployRequest(runtime, in.handler(), in.memorySize(),
                in.timeout(), variables(in.environment()), in.description(), null, stored.sha256(), in.role(), in.runtime(),
                null, null, null, null), FunctionService.Mode.CREATE);
        return Reply.created(Boolean.TRUE.equals(in.publish()) ? publish(created) : Configurations.full(created, null));
    }

    /** GetFunction: configuration, where to download the code, and the reserved concurrency if any. */
    Reply get(Exchange ex) {
        Lookups.Resolved found = Lookups.resolve(functions, ex.ref());
        FunctionRevision r = found.revision();
        Integer reserved = found.state().reservedConcurrency();
        return Reply.ok(new ResponseShapes.GetFunction(Configurations.full(r, found.arnQualifier(), lastUpdate(found)),
                new CodeLocation("S3", "http://" + ex.host() + "/api/v1/code/" + r.codeSha256()),
                reserved == null ? null : new Concurrency(reserved)));
    }

    Reply getConfiguration(Exchange ex) {
        Lookups.Resolved found = Lookups.resolve(functions, ex.ref());
        return Reply.ok(Configurations.full(found.revision(), found.arnQualifier(), lastUpdate(found)));
    }

    /** The function's last update, which only {@code $LATEST} shows. */
    private static LastUpdate lastUpdate(Lookups.Resolved found) {
        return found.revision().isLatest() ? found.state().lastUpdate() : null;
    }

    /** ListFunctions: {@code $LATEST} of every function, or with {@code FunctionVersion=ALL} every version too. */
    Reply list(Exchange ex) {
        String which = ex.query("FunctionVersion");
        if (which != null && !which.equals("ALL")) {
            throw LambdaErrors.validation(which, "functionVersion", "Member must satisfy enum value set: [ALL]");
        }
        boolean all = which != null;
        List<FunctionRevision> entries = new ArrayList<>();
        for (FunctionState state : functions.list()) {
            if (!tenancy.visible(ex.scope(), ResourceKind.FUNCTION, state.name())) {
                continue;
            }
            entries.add(state.latest());
            if (all) {
                entries.addAll(state.versions());
            }
        }
        var page = Pages.page(entries, r -> r.name() + "\n" + Pages.versionKey(r.version()),
                ex.query("Marker"), ex.query("MaxItems"));
        List<FunctionConfiguration> listed = page.items().stream()
                .map(r -> Configurations.listed(r, all ? r.version() : null)).toList();
        return Reply.ok(new ResponseShapes.ListFunctions(listed, page.nextMarker()));
    }

    /** UpdateFunctionCode: a new {@code $LATEST} with new code; {@code DryRun} only checks and stores the zip. */
    Reply updateCode(Exchange ex) throws IOException {
        FunctionRef ref = ex.unqualifiedRef();
        UpdateFunctionCode in = json.read(ex.body(), UpdateFunctionCode.class);
        byte[] zip = zip(in.zipFile(), in.s3Bucket() != null || in.imageUri() != null);
        LambdaRuntimes.checkArchitectures(in.architectures());
        FunctionState state = Lookups.state(functions, ref);
        functions.checkCodeSize(ref.name(), zip.length); // before storing it
        CodeStore.StoredCode stored = code.put(new ByteArrayInputStream(zip));
        if (Boolean.TRUE.equals(in.dryRun())) {
            FunctionRevision l = state.latest();
            if (in.revisionId() != null && !in.revisionId().equals(l.revisionId())) {
                throw LambdaErrors.preconditionFailed(LambdaErrors.REVISION_MISMATCH);
            }
            return Reply.ok(Configurations.full(new FunctionRevision(l.name(), l.revision(), l.config(),
                    stored.sha256(), stored.size(), l.createdAt(), l.revisionId(), l.version()), null));
        }
        FunctionRevision updated;
        try {
            updated = functions.deploy(ref.name(), update(stored.sha256(), in.revisionId()), FunctionService.Mode.UPDATE);
        } catch (ApiException e) {
            return failedUpdate(ref, e);
        }
        return Reply.ok(Boolean.TRUE.equals(in.publish()) ? publish(updated) : Configurations.full(updated, null));
    }

    private static DeployRequest update(String codeSha256, String revisionId) {
        return new DeployRequest(null, null, null, null, null, null, null, codeSha256, null, null, null, revisionId, null, null);
    }

    /** UpdateFunctionConfiguration: a new {@code $LATEST}; members left out keep their value. */
    Reply updateConfiguration(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        UpdateFunctionConfiguration in = json.read(ex.body(), UpdateFunctionConfiguration.class);
        checkRole(in.role(), false);
        String runtime = in.runtime() == null ? null : LambdaRuntimes.toNimbus(in.runtime()).id();
        checkLimits(in.memorySize(), in.timeout(), in.layers());
        Lookups.state(functions, ref);
        FunctionRevision updated;
        try {
            updated = functions.deploy(ref.name(), new DeployRequest(runtime, in.handler(), in.memorySize(),
                    in.timeout(), variables(in.environment()), in.description(), null, null, in.role(), in.runtime(),
                    null, in.revisionId(), null, null), FunctionService.Mode.UPDATE);
        } catch (ApiException e) {
            return failedUpdate(ref, e);
        }
        return Reply.ok(Configurations.full(updated, null));
    }

    /**
     * An update whose new revision failed to initialise answers 200 with the previous {@code $LATEST}
     * and {@code LastUpdateStatus: Failed}, as Lambda reports it once its asynchronous update fails;
     * any other failure is rethrown.
     */
    private Reply failedUpdate(FunctionRef ref, ApiException e) {
        if (e.code() != ErrorCode.INIT_FAILED) {
            throw e;
        }
        FunctionState state = Lookups.state(functions, ref);
        return Reply.ok(Configurations.full(state.latest(), null, state.lastUpdate()));
    }

    /** DeleteFunction: the whole function, or with a qualifier one published version. */
    Reply delete(Exchange ex) {
        FunctionRef ref = ex.ref();
        Lookups.state(functions, ref);
        if (ref.qualifier() == null) {
            functions.delete(ref.name());
        } else {
            functions.deleteVersion(ref.name(), ref.qualifier());
        }
        return Reply.noContent();
    }

    /** Publishes exactly {@code deployed}: if another update came first, 412 rather than publishing that one. */
    private FunctionConfiguration publish(FunctionRevision deployed) {
        FunctionRevision version = functions.publish(deployed.name(), null, null, deployed.revisionId());
        return Configurations.full(version, version.version());
    }

    private static byte[] zip(byte[] zipFile, boolean otherSource) {
        if (otherSource) {
            throw LambdaErrors.invalidParameter(LambdaErrors.ZIP_ONLY);
        }
        if (zipFile == null || zipFile.length == 0) {
            throw LambdaErrors.invalidParameter(LambdaErrors.NO_CODE);
        }
        return zipFile;
    }

    /** Environment {Variables} replaces all variables; an Environment without Variables clears them. */
    private static Map<String, String> variables(Environment environment) {
        if (environment == null) {
            return null;
        }
        return environment.variables() == null ? Map.of() : environment.variables();
    }

    private static void checkRole(String role, boolean required) {
        if (role == null) {
            if (required) {
                throw LambdaErrors.required("role");
            }
            return;
        }
        if (!ROLE.matcher(role).matches()) {
            throw LambdaErrors.validation(role, "role", "Member must satisfy regular expression pattern: " + ROLE);
        }
    }

    /** Lambda's bounds, which are also Nimbus' own: memory 128-10240 MB, timeout 1-900 s; no layers. */
    private static void checkLimits(Integer memorySize, Integer timeout, List<String> layers) {
        if (memorySize != null && (memorySize < 128 || memorySize > 10240)) {
            throw LambdaErrors.validation(memorySize, "memorySize", memorySize < 128
                    ? "Member must have value greater than or equal to 128"
                    : "Member must have value less than or equal to 10240");
        }
        if (timeout != null && (timeout < 1 || timeout > 900)) {
            throw LambdaErrors.validation(timeout, "timeout", timeout < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 900");
        }
        if (layers != null && !layers.isEmpty()) {
            throw LambdaErrors.invalidParameter("Nimbus does not support layers: package dependencies in the zip");
        }
    }
}
