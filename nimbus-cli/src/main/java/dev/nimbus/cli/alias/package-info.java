/**
 * {@code nimbus alias set|get|list|delete}: aliases, the names callers invoke as
 * {@code function:alias}, each pointing at a version and optionally sending a share of the
 * invocations to a second one.
 */
package dev.nimbus.cli.alias;
