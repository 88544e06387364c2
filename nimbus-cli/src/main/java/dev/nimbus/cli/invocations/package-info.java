/**
 * {@code nimbus invocations}: a function's invocation records (start, phases, outcome), newest
 * first, a page at a time.
 */
package dev.nimbus.cli.invocations;
