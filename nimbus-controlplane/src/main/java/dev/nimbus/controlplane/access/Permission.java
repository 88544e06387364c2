package dev.nimbus.controlplane.access;

/** What a request needs; roles grant sets of these ({@link AccessPolicy}). */
public enum Permission {
    /** GET and HEAD of management state and listings (functions, logs, events, secret names, status). */
    READ,
    /** Invoke a function: sync, async, {@code /fn} routes, function URLs, the Lambda Invoke API, S3 webhooks. */
    INVOKE,
    /** Publish events to topics ({@code POST /api/v1/events}); all a function's own token allows. */
    PUBLISH,
    /** Read an object's content through the S3 API. */
    READ_OBJECTS,
    /** Put and delete objects through the S3 API. */
    WRITE_OBJECTS,
    /** Create, change and delete functions, versions, aliases, topics, subscriptions, schedules, buckets, delivery configurations. */
    MANAGE,
    /** Create, replace and delete secrets. */
    WRITE_SECRETS,
    /** List, create and delete API keys. */
    MANAGE_KEYS,
    /** List, create, change and delete namespaces: installation administrators only (admin keys of the default namespace). */
    MANAGE_NAMESPACES
}
