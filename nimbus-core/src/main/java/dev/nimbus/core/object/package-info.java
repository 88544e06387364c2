/**
 * Object storage: buckets, objects and their metadata, and the notifications that turn object
 * changes into asynchronous invocations. The bytes and the metadata are kept by an
 * {@link dev.nimbus.core.object.ObjectStore}; the S3-compatible API is in nimbus-events.
 */
package dev.nimbus.core.object;
