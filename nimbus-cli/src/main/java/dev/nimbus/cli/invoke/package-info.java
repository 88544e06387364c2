/** {@code nimbus invoke}: sends a payload to a function and prints what it returned. */
package dev.nimbus.cli.invoke;
