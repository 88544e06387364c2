/**
 * Function logs: what instances print, attributed to invocations, kept per function within a size
 * bound, readable and followable.
 */
package dev.nimbus.core.logs;
