/**
 * The one invocation path: an {@link dev.nimbus.core.invoke.InvocationRequest} goes to an
 * {@link dev.nimbus.core.invoke.Invoker} and comes back as a sealed
 * {@link dev.nimbus.core.invoke.InvocationResult}, classified once.
 */
package dev.nimbus.core.invoke;
