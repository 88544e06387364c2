/**
 * The Java runtime of a Nimbus instance: {@link dev.nimbus.runtime.java.Bootstrap} is the main
 * class the platform starts, {@link dev.nimbus.runtime.java.InstanceRuntime} loads the handler and
 * runs the Runtime API loop until the instance must exit.
 */
package dev.nimbus.runtime.java;
