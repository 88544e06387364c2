/**
 * What a function is: its validated configuration, its immutable revisions, and the store and
 * catalog contracts through which the other modules read and write them.
 */
package dev.nimbus.core.function;
