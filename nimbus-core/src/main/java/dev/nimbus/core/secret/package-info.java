/** Secrets: values kept encrypted at rest and injected into instances, never shown again. */
package dev.nimbus.core.secret;
