/**
 * Client side of the Lambda Runtime API (2018-06-01): long-poll {@code /invocation/next}, post
 * responses and errors, over one keep-alive HTTP/1.1 connection written directly on a socket so an
 * instance JVM loads as few classes as possible before its first {@code /next}.
 */
package dev.nimbus.runtime.java.runtimeapi;
