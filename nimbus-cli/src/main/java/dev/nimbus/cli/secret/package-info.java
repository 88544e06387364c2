/** {@code nimbus secret}: values kept encrypted by the server and given to functions. */
package dev.nimbus.cli.secret;
