/**
 * Black-box integration tests: each class starts a real Nimbus server process on a free port with its
 * own data directory and drives it over HTTP and through the CLI; instances are real processes.
 */
package dev.nimbus.it;
