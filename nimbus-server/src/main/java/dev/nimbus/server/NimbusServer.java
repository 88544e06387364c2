package dev.nimbus.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nimbus.controlplane.ControlPlane;
import dev.nimbus.controlplane.access.AccessFilter;
import dev.nimbus.controlplane.access.ApiKeys;
import dev.nimbus.controlplane.access.Namespaces;
import dev.nimbus.controlplane.api.KeysApi;
import dev.nimbus.controlplane.api.NamespacesApi;
import dev.nimbus.core.tenancy.Claim;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.access.KeyToken;
import dev.nimbus.controlplane.api.AsyncEventsApi;
import dev.nimbus.controlplane.api.FleetApi;
import dev.nimbus.controlplane.api.InvocationsApi;
import dev.nimbus.controlplane.api.SecretsApi;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.InvocationRecords;
import dev.nimbus.server.observe.Observability;
import dev.nimbus.server.scaling.Autoscaling;
import dev.nimbus.server.scaling.Rollouts;
import java.lang.management.ManagementFactory;
import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.auth.RequestAuth;
import dev.nimbus.core.auth.SigV4Verifier;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.secret.SecretBox;
import dev.nimbus.core.secret.Secrets;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.events.bus.BusApi;
import dev.nimbus.events.objects.BucketsApi;
import dev.nimbus.events.objects.ObjectEvents;
import dev.nimbus.events.objects.WebhookApi;
import dev.nimbus.events.s3.AwsChunkedEncoding;
import dev.nimbus.events.s3.S3Api;
import dev.nimbus.events.bus.PublishTokens;
import dev.nimbus.events.bus.TopicFanOut;
import dev.nimbus.events.delivery.AsyncDispatcher;
import dev.nimbus.events.delivery.DeliveryConfigApi;
import dev.nimbus.events.delivery.DeliveryConfigs;
import dev.nimbus.events.delivery.Destinations;
import dev.nimbus.events.delivery.DeliveryPolicy;
import dev.nimbus.events.schedule.Scheduler;
import dev.nimbus.events.schedule.SchedulesApi;
import dev.nimbus.gateway.Gateway;
import dev.nimbus.sandbox.instance.ProcessInstance;
import dev.nimbus.sandbox.launch.RuntimeCommands;
import dev.nimbus.sandbox.launch.Spawner;
import dev.nimbus.sandbox.pool.InstanceGroups;
import dev.nimbus.sandbox.pool.InstancePool;
import dev.nimbus.sandbox.pool.PoolConfig;
import dev.nimbus.server.config.ServerConfig;
import dev.nimbus.server.http.MalformedRequests;
import dev.nimbus.server.http.ReadDeadlines;
import dev.nimbus.server.launch.RuntimeLocator;
import dev.nimbus.store.code.CodeStores;
import dev.nimbus.store.logs.LogFiles;
import dev.nimbus.store.logs.LogStores;
import dev.nimbus.store.sql.SqlStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.UUID;

/**
 * One Nimbus node in one JVM: store, instance pool, control plane and gateway behind one HTTP port.
 */
public final class NimbusServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NimbusServer.class.getName());
    /** The loopback listener instances reach: publishing events and the S3 API, nothing else. */
    private static final String FUNCTIONS_LISTENER = "functions";

    private final FileLock lock;
    private final SqlStore store;
    private final LogFiles logs;
    private final Spawner spawner;
    private final InstancePool pool;
    private final Autoscaling autoscaling;
    private final AsyncDispatcher async;
    private final Scheduler scheduler;
    private final WebServer web;
    private final KeyToken localAdminKey;
    private final ReadDeadlines deadlines;
    private final Observability observability;

    private NimbusServer(FileLock lock, SqlStore store, LogFiles logs, Spawner spawner, InstancePool pool,
                         Autoscaling autoscaling, AsyncDispatcher async, Scheduler scheduler, WebServer web,
                         KeyToken localAdminKey, ReadDeadlines deadlines, Observability observability) {
        this.lock = lock;
        this.store = store;
        this.logs = logs;
        this.spawner = spawner;
        this.pool = pool;
        this.autoscaling = autoscaling;
        this.async = async;
        this.scheduler = scheduler;
        this.web = web;
        this.localAdminKey = localAdminKey;
        this.deadlines = deadlines;
        this.observability = observability;
    }

    /** Starts a server; it serves until {@link #close()}. */
    public static NimbusServer start(ServerConfig config) throws IOException {
        InstantSource clock = InstantSource.system();
        Files.createDirectories(config.dataDir());
        FileLock lock = lockDataDir(config);
        var json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        SqlStore store = SqlStore.sqlite(config.dataDir());
        CodeStore code = CodeStores.onDisk(config.dataDir());
        LogFiles logs = LogStores.onDisk(config.dataDir(), config.logBytes(), clock);
        PublishTokens tokens = PublishTokens.load(config.dataDir().resolve("events.key"));
        var servicesPort = new AtomicInteger();
        SecretBox box = secretBox(config.secrets());
        Secrets secrets = new Secrets(store.secrets(), box);
        ApiKeys keys = ApiKeys.load(store.keys(), box, config.auth().accessKeys(), clock);
        Namespaces namespaces = Namespaces.load(store.namespaces(), clock);
        KeyToken localAdminKey = config.auth().on() ? FirstAdminKey.ensure(keys, config.auth().adminKey(), config.dataDir())
                : null;
        var commands = new RuntimeCommands(RuntimeLocator.locate(config.runtimes(), config.dataDir()),
                function -> tokens.token(namespaces.namespaceOf(function), function),
                secrets::reveal);
        Spawner spawner = Spawner.detect(config.sandbox().writablePaths(), config.sandbox().uid(), config.sandbox().gid(),
                config.dataDir().resolve("sandbox"), servicesPort::get);
        String unconfined = unconfined(spawner);
        if (config.isolationRequired() && unconfined != null) {
            spawner.close();
            throw new IOException("isolation: required, but " + unconfined + "; install what is missing (see"
                    + " README), or set isolation: best-effort to run instances unconfined");
        }
        Observability observability = Observability.start(config.observability(), clock, json);
        InvocationRecords records = observability.records();
        InstancePool pool = InstancePool.create(revision -> {
            var codeDir = code.unpacked(revision.codeSha256());
            String stream = "nimbus/" + revision.name() + "/" + UUID.randomUUID().toString().replace("-", "");
            return ProcessInstance.start(revision, api -> commands.launch(revision, codeDir, api, stream), spawner, logs, clock,
                    commands.startsAhead(revision));
        }, poolConfig(config.pool()), records, clock);
        pool.groupWith(new InstanceGroups() { // before anything starts: a namespace's instances count against its quota
            @Override
            public String group(String function) {
                return namespaces.namespaceOf(function);
            }

            @Override
            public OptionalInt maxInstances(String namespace) {
                Integer max = namespaces.namespace(namespace).map(Namespace::maxInstances).orElse(null);
                return max == null ? OptionalInt.empty() : OptionalInt.of(max);
            }
        });
        RequestAuth lambdaAuth = lambdaAuth(config.auth(), keys, clock);
        ControlPlane control = ControlPlane.create(store.functions(), code,
                new FunctionCleanup(pool, store), Rollouts.hooks(pool, json), logs, secrets::exists, namespaces,
                store.deliveryConfigs(), store.bus(), json, clock, lambdaAuth);
        adoptUnclaimed(namespaces, control, store, secrets);
        pool.resolveVersionsWith((name, version) -> control.catalog().resolve(name, version)
                .map(FunctionCatalog.Target::revision));
        Autoscaling autoscaling = Autoscaling.start(pool, clock);
        var e = config.events();
        var destinations = new Destinations(control.catalog(), new TopicFanOut(store.bus(), json)::invocations, json);
        AsyncDispatcher async = AsyncDispatcher.start(store.events(), control.catalog(), pool,
                new DeliveryPolicy(e.maxRetries(), e.maxAge(), e.retryBase(), e.retryCap()),
                new DeliveryConfigs(store.deliveryConfigs(), store.bus(), store.schedules(), store.objects()), destinations, e.workers(),
                clock);
        observability.watch(autoscaling, async);
        Gateway gateway = Gateway.create(control.catalog(), pool, async::submit, lambdaAuth, json, clock);
        Scheduler scheduler = new Scheduler(store.schedules(), e.maxAge(), clock, async::wakeUp).start();
        byte[] status = json.writeValueAsBytes(Map.of("version", dev.nimbus.cli.NimbusCli.VERSION,
                "isolation", isolation(spawner), "limits", spawner.cgroups().orElse("none"),
                "network", spawner.isolatesNetwork() ? "isolated" : "shared", "user", spawner.user().orElse("server"),
                "egress", spawner.offersEgress() ? "available" : "unavailable", "auth", config.auth().on() ? "on" : "off"));
        Filter access = config.auth().on()
                ? new AccessFilter(keys, namespaces, control.catalog(), token -> tokens.verify(token, namespaces::namespaceOf)
                .filter(function -> control.catalog().state(function).isPresent())) : null;
        Consumer<List<AsyncEvent>> deliveries = invocations -> {
            store.events().addAll(invocations);
            async.wakeUp();
        };
        var objectEvents = new ObjectEvents(store.objects(), json, config.storage().region(), clock);
        var bus = new BusApi(store.bus(), control.catalog(), namespaces, deliveries, json, clock, tokens);
        var s3 = new S3Api(store.objects(), objectEvents, s3Verifier(config.auth(), keys, clock), namespaces,
                config.storage().maxObjectBytes(), clock, async::wakeUp);
        ReadDeadlines deadlines = ReadDeadlines.start(config.http().headerTimeout(), config.http().bodyTimeout());
        WebServer web = listener(WebServer.builder().host(config.host()).port(config.port()), config.http(), deadlines)
                // What instances may call, with the same authentication: never the management API
                .putSocket(FUNCTIONS_LISTENER, socket -> listener(socket.host("127.0.0.1").port(0), config.http(), deadlines)
                        .routing(routing -> {
                            routing.addFilter(deadlines.filter());
                            if (access != null) {
                                routing.addFilter(access);
                            }
                            bus.registerPublishing(routing);
                            s3.register(routing);
                            errors(routing);
                        }))
                .routing(routing -> routes(routing.addFilter(deadlines.filter()).addFilter(observability.httpMeters()),
                        access, gateway, control, List.of(
                        new KeysApi(keys, json)::register,
                        new NamespacesApi(namespaces, keys, control::functions, autoscaling,
                                claim -> exists(claim, control, store, secrets), json)::register,
                        new FleetApi(control.catalog(), autoscaling, namespaces, json)::register,
                        new InvocationsApi(control.catalog(), records, observability.series(), clock, json)::register,
                        observability.metricsApi(namespaces),
                        new AsyncEventsApi(control.catalog(), store.events(), namespaces, json, clock)::register,
                        new SchedulesApi(store.schedules(), control.catalog(), store.bus(), namespaces, json, clock)::register,
                        new SecretsApi(secrets, control::functions, namespaces, json, clock)::register,
                        new DeliveryConfigApi(store.deliveryConfigs(), control.catalog(), store.bus(), namespaces,
                                json)::register,
                        bus::register,
                        new BucketsApi(store.objects(), control.catalog(), store.bus(), namespaces, json, clock)::register,
                        new WebhookApi(objectEvents, deliveries, namespaces, json)::register,
                        dev.nimbus.dashboard.Dashboard.create()::register,
                        s3::register), status))
                .build().start();
        if (!spawner.containsProcessTrees()) {
            LOG.log(System.Logger.Level.WARNING, "bubblewrap (bwrap) is not available: instances run as plain "
                    + "process groups; processes a function starts in the background can outlive a server killed "
                    + "with SIGKILL. Install bubblewrap to contain every instance in its own PID namespace.");
        }
        spawner.cgroups().ifPresentOrElse(
                c -> LOG.log(System.Logger.Level.INFO, "instance limits: {0}", c),
                () -> LOG.log(System.Logger.Level.WARNING, "cgroups are not usable (see above): instances run without "
                        + "memory, process or CPU limits, and a function can exhaust the machine."));
        servicesPort.set(web.port(FUNCTIONS_LISTENER));
        // sandboxes started ahead: a cold start only fills one
        spawner.keepWarm(config.sandbox().warm(), commands.sharedReadOnly(), config.dataDir().resolve("code"));
        var server = new NimbusServer(lock, store, logs, spawner, pool, autoscaling, async, scheduler, web, localAdminKey,
                deadlines, observability);
        if (web.isRunning() && web.port() > 0) {
            // after the events URL is known: these instances live long and may publish
            control.functions().forEach(f -> pool.keepMinimum(f.latest()));
        } else {
            server.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port()
                    + " (is another process using that port? choose one with --port)");
        }
        return server;
    }

    /**
     * Claims for the default namespace what no namespace has claimed: everything made before
     * namespaces existed, or while authentication was off, so that no other namespace can claim it.
     */
    private static void adoptUnclaimed(Namespaces namespaces, ControlPlane control, SqlStore store, Secrets secrets) {
        namespaces.adopt(ResourceKind.FUNCTION, control.functions().stream().map(f -> f.name()).toList());
        namespaces.adopt(ResourceKind.TOPIC, store.bus().topics().stream().map(t -> t.name()).toList());
        namespaces.adopt(ResourceKind.BUCKET, store.objects().buckets().stream().map(b -> b.name()).toList());
        namespaces.adopt(ResourceKind.SCHEDULE, store.schedules().list().stream().map(s -> s.name()).toList());
        namespaces.adopt(ResourceKind.SECRET, secrets.list().stream().map(s -> s.name()).toList());
    }

    /** Whether a claimed resource exists now. */
    private static boolean exists(Claim claim, ControlPlane control, SqlStore store, Secrets secrets) {
        return switch (claim.kind()) {
            case FUNCTION -> control.catalog().state(claim.name()).isPresent();
            case TOPIC -> store.bus().topic(claim.name()).isPresent();
            case BUCKET -> store.objects().bucket(claim.name()).isPresent();
            case SCHEDULE -> store.schedules().get(claim.name()).isPresent();
            case SECRET -> secrets.exists(claim.name());
        };
    }

    /**
     * How often Helidon looks for idle connections: a tenth of the timeout, at least a second (its
     * idle clock has a one-second resolution), e.g. every 6 s for 60 s, so one is closed at most 10 %
     * late.
     */
    private static Duration idlePeriod(Duration timeout) {
        return Duration.ofMillis(Math.max(1000, timeout.toMillis() / 10));
    }

    /**
     * What every listener shares: the connection cap, the read deadlines of slow clients (the idle
     * timeout covers a request's first line, see ReadDeadlines), typed answers to malformed
     * requests, and the request encodings (aws-chunked uploads).
     */
    private static <B extends ListenerConfig.BuilderBase<B, ?>> B listener(B builder, ServerConfig.Http http,
                                                                          ReadDeadlines deadlines) {
        return builder.maxTcpConnections(http.maxConnections())
                .idleConnectionTimeout(http.headerTimeout())
                .idleConnectionPeriod(idlePeriod(http.headerTimeout()))
                .directHandlers(MalformedRequests.handlers())
                .addConnectionSelector(Http1ConnectionSelector.builder()
                        .config(Http1Config.builder().addReceiveListener(deadlines.listener()).build()).build())
                .contentEncoding(encodings -> encodings.contentEncodingsDiscoverServices(true)
                        .addContentEncoding(new AwsChunkedEncoding()));
    }

    private static void routes(HttpRouting.Builder routing, Filter access, Gateway gateway, ControlPlane control,
                               List<Consumer<HttpRouting.Builder>> apis, byte[] status) {
        if (access != null) {
            routing.addFilter(access);
        }
        gateway.register(routing);
        apis.forEach(api -> api.accept(routing));
        control.register(routing);
        routing.get("/api/v1/status", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(status);
        });
        errors(routing);
    }

    /** The answers of a listener to a failed request (500 without internals) and to an unknown path (404). */
    private static void errors(HttpRouting.Builder routing) {
        routing.error(Exception.class, (req, res, e) -> {
            String id = UUID.randomUUID().toString();
            LOG.log(System.Logger.Level.ERROR, "request " + id + " " + req.prologue().method().text() + " "
                    + req.path().rawPath() + " failed", e);
            if (!res.isSent()) {
                send(req, res.status(500), ErrorBody.json(ErrorCode.INTERNAL, Messages.INTERNAL, id));
            }
        });
        routing.any((req, res) -> {
            String id = UUID.randomUUID().toString();
            var error = Messages.notFound(req.path().rawPath());
            send(req, res.status(error.code().status()), ErrorBody.json(error.code(), error.getMessage(), id));
        });
    }

    /**
     * An error document, or for HEAD only its length: the server writes whatever is sent, also
     * for HEAD, and a body there would be read as the start of the next answer on the connection.
     */
    private static void send(ServerRequest req, ServerResponse res, byte[] error) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (req.prologue().method() == Method.HEAD) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(error.length));
            res.send();
        } else {
            res.send(error);
        }
    }

    /**
     * The signature check of the Lambda API (and function URLs with AWS_IAM): API keys' ids and
     * secrets and the static pairs as SigV4 credentials; authentication is stated in the log either way.
     */
    private static RequestAuth lambdaAuth(ServerConfig.Auth auth, ApiKeys keys, InstantSource clock) {
        if (!auth.on()) {
            LOG.log(System.Logger.Level.WARNING, "AUTHENTICATION IS OFF (auth.mode=off): anyone who can reach this "
                    + "port can deploy, invoke and delete functions, read logs, write secrets and objects. Use it on "
                    + "a private machine only; GET /api/v1/status says \"auth\": \"off\".");
            return RequestAuth.OFF;
        }
        LOG.log(System.Logger.Level.INFO, "authentication is on: API keys (Authorization: Bearer) everywhere, and "
                + "AWS Signature Version 4 with an API key or one of " + auth.accessKeys().size()
                + " static access key(s) on the Lambda and S3 APIs");
        return SigV4Verifier.create(keys::secret, clock, SigV4Verifier.AWS_SKEW).forService("lambda");
    }

    /** The S3 API's signature check with the same credentials; null when authentication is off. */
    private static SigV4Verifier s3Verifier(ServerConfig.Auth auth, ApiKeys keys, InstantSource clock) {
        return auth.on() ? SigV4Verifier.create(keys::secret, clock, SigV4Verifier.AWS_SKEW) : null;
    }

    /** The pool's settings; a memory limit of 0 is the machine's physical memory. */
    private static PoolConfig poolConfig(ServerConfig.Pool p) {
        long memory = p.maxMemoryBytes() > 0 ? p.maxMemoryBytes()
                : ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new PoolConfig(p.queueTimeout(), p.queueDepth(), p.initTimeout(), p.maxInstances(), memory / (1024 * 1024));
    }

    /** The master key of the secrets: from the configuration, or from its file (created at first start). */
    private static SecretBox secretBox(ServerConfig.SecretKey key) throws IOException {
        try {
            return key.key().isEmpty() ? SecretBox.ofFile(key.file()) : SecretBox.ofBase64(key.key());
        } catch (IllegalArgumentException e) {
            throw new IOException("secrets.master-key" + (key.key().isEmpty() ? "-file " + key.file() : "") + ": "
                    + e.getMessage());
        }
    }

    /** What keeps instances from being fully confined here, or null when nothing does. */
    static String unconfined(Spawner spawner) {
        List<String> missing = new ArrayList<>();
        if (!spawner.containsProcessTrees()) {
            missing.add("bubblewrap (/usr/bin/bwrap) is not installed or not usable");
        }
        if (spawner.cgroups().isEmpty()) {
            missing.add("no cgroups with the memory and pids controllers are writable");
        }
        if (spawner.containsProcessTrees() && !spawner.isolatesNetwork()) {
            missing.add("socat (/usr/bin/socat) is not installed, so instances would share the host's network");
        }
        return missing.isEmpty() ? null : String.join(" and ", missing);
    }

    private static String isolation(Spawner spawner) {
        return spawner.containsProcessTrees() ? "pid-namespace" : "process-group";
    }


    private static FileLock lockDataDir(ServerConfig config) throws IOException {
        var channel = FileChannel.open(config.dataDir().resolve("server.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException("another Nimbus server is using the data directory " + config.dataDir().toAbsolutePath());
        }
        return lock;
    }

    public int port() {
        return web.port();
    }

    /**
     * An admin key this process may use itself (to deploy the examples): the one created at this
     * first start, {@code auth.admin-key}, or the one in {@code <data-dir>/admin.key}; empty when
     * authentication is off or none is known.
     */
    public Optional<KeyToken> localAdminKey() {
        return Optional.ofNullable(localAdminKey);
    }

    @Override
    public void close() {
        web.stop();
        deadlines.close();
        scheduler.close();
        async.close();
        autoscaling.close();
        pool.close();
        observability.close();
        spawner.close();
        logs.close();
        store.close();
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "releasing the data directory lock failed", e);
        }
    }
}
