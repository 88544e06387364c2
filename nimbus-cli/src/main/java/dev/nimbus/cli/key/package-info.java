/** {@code nimbus key create|list|delete}: API keys (admin only). */
package dev.nimbus.cli.key;
