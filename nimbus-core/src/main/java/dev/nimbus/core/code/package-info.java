/**
 * Function code: zip archives stored once by their sha256 and unpacked on demand into a
 * read-only directory that instances run from.
 */
package dev.nimbus.core.code;
