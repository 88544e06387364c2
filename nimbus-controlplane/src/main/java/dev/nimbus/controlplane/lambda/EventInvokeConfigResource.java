package dev.nimbus.controlplane.lambda;

import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.DeliveryConfigStore;
import dev.nimbus.core.event.Destination;
import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.ValidationException;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event invoke configurations (lambda-compat.md §5.8) on
 * {@code /2019-09-25/functions/{name}/event-invoke-config[?Qualifier=]}: Put replaces,
 * Update (POST) changes only the members it names, Get, Delete, and {@code /list}. They are the
 * retries, maximum age and destinations of Nimbus's delivery configurations ({@code
 * /api/v1/functions/{name}/delivery}), so both APIs see the same settings; a dead-letter topic set
 * through the native API is kept. Destinations are Lambda function ARNs, or SNS topic or
 * EventBridge bus ARNs naming a Nimbus topic.
 *
 * <p>Threading: stateless; called from request threads.
 */
final class EventInvokeConfigResource {
    static final String NOTHING_SET = "You must specify at least one of error handling or destination setting.";
    static final String SELF = "You can't specify the function as a destination for itself.";

    private final FunctionService functions;
    private final DeliveryConfigStore configs;
    private final BusStore bus;
    private final Tenancy tenancy;
    private final LambdaJson json;

    EventInvokeConfigResource(FunctionService functions, DeliveryConfigStore configs, BusStore bus, Tenancy tenancy,
                              LambdaJson json) {
        this.functions = functions;
        this.configs = configs;
        this.bus = bus;
        this.tenancy = tenancy;
        this.json = json;
    }

    record EventInvokeConfig(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds,
                             DestinationConfig destinationConfig) {
    }

    record DestinationConfig(Target onSuccess, Target onFailure) {
    }

    record Target(String destination) {
    }

    record FunctionEventInvokeConfig(String functionArn, Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds,
                                     DestinationConfig destinationConfig) {
    }

    record ListFunctionEventInvokeConfigs(List<FunctionEventInvokeConfig> functionEventInvokeConfigs,
                                          String nextMarker) {
    }

    /** PutFunctionEventInvokeConfig: replaces retries, age and destinations. */
    Reply put(Exchange ex) {
        FunctionRef ref = target(ex);
        EventInvokeConfig body = json.read(ex.body(), EventInvokeConfig.class);
        DeliveryConfig current = configs.get(ref.name(), ref.qualifier()).orElse(DeliveryConfig.NONE);
        return store(ref, body, new DeliveryConfig(null, null, null, null, current.deadLetter()));
    }

    /** UpdateFunctionEventInvokeConfig: changes what the request names, keeps the rest. */
    Reply update(Exchange ex) {
        FunctionRef ref = target(ex);
        EventInvokeConfig body = json.read(ex.body(), EventInvokeConfig.class);
        return store(ref, body, configs.get(ref.name(), ref.qualifier()).orElse(DeliveryConfig.NONE));
    }

    Reply get(Exchange ex) {
        FunctionRef ref = target(ex);
        return Reply.ok(shape(ref.name(), ref.qualifier(), lambdaPart(ref).orElseThrow(() -> noConfig(ref))));
    }

    /** Deletes retries, age and destinations; a dead-letter topic set through the native API stays. */
    Reply delete(Exchange ex) {
        FunctionRef ref = target(ex);
        DeliveryConfig current = lambdaPart(ref).orElseThrow(() -> noConfig(ref));
        if (current.deadLetter() == null) {
            configs.delete(ref.name(), ref.qualifier());
        } else {
            configs.put(ref.name(), ref.qualifier(), new DeliveryConfig(null, null, null, null, current.deadLetter()));
        }
        return Reply.noContent();
    }

    /** The stored configuration if it sets what an event invoke configuration holds (not only a dead-letter topic). */
    private Optional<DeliveryConfig> lambdaPart(FunctionRef ref) {
        return configs.get(ref.name(), ref.qualifier()).filter(EventInvokeConfigResource::hasLambdaPart);
    }

    private static boolean hasLambdaPart(DeliveryConfig c) {
        return c.maxRetries() != null || c.maxAgeSeconds() != null || c.onSuccess() != null || c.onFailure() != null;
    }

    /** ListFunctionEventInvokeConfigs, one page. */
    Reply list(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        Lookups.state(functions, ref);
        List<Map.Entry<String, DeliveryConfig>> all = configs.list(ref.name()).entrySet().stream()
                .filter(e -> hasLambdaPart(e.getValue())).toList();
        var page = Pages.page(all, Map.Entry::getKey, ex.query("Marker"), ex.query("MaxItems"));
        return Reply.ok(new ListFunctionEventInvokeConfigs(page.items().stream()
                .map(e -> shape(ref.name(), e.getKey(), e.getValue())).toList(), page.nextMarker()));
    }

    /** The function and qualifier ({@code $LATEST} when none) of a request, which must exist. */
    private FunctionRef target(Exchange ex) {
        FunctionRef ref = ex.ref();
        Lookups.resolve(functions, ref);
        return new FunctionRef(ref.name(), ref.qualifier() == null ? FunctionRevision.LATEST : ref.qualifier());
    }

    private Reply store(FunctionRef ref, EventInvokeConfig body, DeliveryConfig base) {
        DestinationConfig destinations = body.destinationConfig();
        if (body.maximumRetryAttempts() == null && body.maximumEventAgeInSeconds() == null
                && (destinations == null || (destinations.onSuccess() == null && destinations.onFailure() == null))) {
            throw LambdaErrors.invalidParameter(NOTHING_SET);
        }
        range(body.maximumRetryAttempts(), "maximumRetryAttempts", 0, 2);
        range(body.maximumEventAgeInSeconds(), "maximumEventAgeInSeconds", 60, 21_600);
        DeliveryConfig config = new DeliveryConfig(
                body.maximumRetryAttempts() != null ? body.maximumRetryAttempts() : base.maxRetries(),
                body.maximumEventAgeInSeconds() != null ? body.maximumEventAgeInSeconds() : base.maxAgeSeconds(),
                destinations != null && destinations.onSuccess() != null
                        ? destination(ref, destinations.onSuccess().destination()) : base.onSuccess(),
                destinations != null && destinations.onFailure() != null
                        ? destination(ref, destinations.onFailure().destination()) : base.onFailure(),
                base.deadLetter());
        configs.put(ref.name(), ref.qualifier(), config);
        return Reply.ok(shape(ref.name(), ref.qualifier(), config));
    }

    private static void range(Integer value, String member, int min, int max) {
        if (value != null && value < min) {
            throw LambdaErrors.validation(value, member, "Member must have value greater than or equal to " + min);
        }
        if (value != null && value > max) {
            throw LambdaErrors.validation(value, member, "Member must have value less than or equal to " + max);
        }
    }

    /** A destination ARN as a Nimbus destination that exists now in the function's namespace; null or empty clears it. */
    private Destination destination(FunctionRef owner, String arn) {
        if (arn == null || arn.isEmpty()) {
            return null;
        }
        Destination d;
        try {
            d = Destination.parse(arn);
        } catch (ValidationException e) {
            throw LambdaErrors.invalidParameter("The destination ARN " + FunctionName.clip(arn)
                    + " is not supported: Nimbus sends to Lambda functions and to topics named by SNS topic or"
                    + " EventBridge event bus ARNs");
        }
        String namespace = tenancy.namespaceOf(owner.name());
        if (d.kind() == Destination.Kind.FUNCTION) {
            if (d.name().equals(owner.name())) {
                throw LambdaErrors.invalidParameter(SELF);
            }
            if (functions.resolve(d.name(), d.qualifier()).isEmpty()
                    || !tenancy.owns(namespace, ResourceKind.FUNCTION, d.name())) {
                throw LambdaErrors.invalidParameter("The destination function " + d + " does not exist.");
            }
        } else if (bus.topic(d.name()).isEmpty() || !tenancy.owns(namespace, ResourceKind.TOPIC, d.name())) {
            throw LambdaErrors.invalidParameter("The destination topic " + d.name() + " does not exist: create it with"
                    + " PUT /api/v1/topics/" + d.name());
        }
        return d;
    }

    private static FunctionEventInvokeConfig shape(String function, String qualifier, DeliveryConfig c) {
        return new FunctionEventInvokeConfig(Arns.function(function, qualifier), c.maxRetries(), c.maxAgeSeconds(),
                new DestinationConfig(new Target(arn(c.onSuccess())), new Target(arn(c.onFailure()))));
    }

    private static String arn(Destination d) {
        if (d == null) {
            return null;
        }
        return d.kind() == Destination.Kind.FUNCTION ? Arns.function(d.name(), d.qualifier())
                : "arn:aws:sns:" + Arns.REGION + ":" + Arns.ACCOUNT + ":" + d.name();
    }

    private static LambdaErrors.Fault noConfig(FunctionRef ref) {
        return LambdaErrors.notFound("The function " + Arns.function(ref.name(), ref.qualifier())
                + " doesn't have an EventInvokeConfig");
    }
}
