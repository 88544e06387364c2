/**
 * Function code on local disk: zip archives checked once, stored by sha256 under
 * {@code <dataDir>/code/sha256/}, and unpacked on first use into read-only trees under
 * {@code <dataDir>/code/unpacked/}.
 */
package dev.nimbus.store.code;
