/**
 * AOT-cache training (JDK 25, JEP 514): {@link dev.nimbus.runtime.java.training.Training} runs the
 * real runtime loop against an in-process Runtime API with handlers of every kind, so that a JVM
 * started with {@code -XX:AOTCacheOutput} records the classes and profiles an instance needs.
 */
package dev.nimbus.runtime.java.training;
