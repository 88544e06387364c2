/** {@code nimbus completion bash|zsh}: the shell completion script, generated from the command tree. */
package dev.nimbus.cli.completion;
