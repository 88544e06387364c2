/** {@code nimbus list}, {@code get} and {@code delete}: reading and removing functions, as tables or JSON. */
package dev.nimbus.cli.functions;
