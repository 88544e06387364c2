/**
 * Object storage events: bucket notifications (native API), the S3 event records that object
 * changes and the S3 webhook fan out into asynchronous invocations, and bucket names.
 */
package dev.nimbus.events.objects;
