/** {@code nimbus key create|list|delete}: API keys of a namespace (admin only). */
package dev.nimbus.cli.key;
