/** {@code nimbus top}: running instances with their CPU and memory. */
package dev.nimbus.cli.top;
