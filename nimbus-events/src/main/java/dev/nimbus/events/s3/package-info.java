/**
 * The S3-compatible API under {@code /s3} (path-style): buckets, objects, ListObjectsV2, with
 * SigV4 as AWS SDKs sign for S3, S3's XML documents and error codes; object changes fan out into
 * the notifications of {@link dev.nimbus.events.objects}.
 */
package dev.nimbus.events.s3;
