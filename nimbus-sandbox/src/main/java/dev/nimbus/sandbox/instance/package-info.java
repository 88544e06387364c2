/**
 * One instance: an OS process running a function's runtime, the Lambda Runtime API endpoint it
 * polls, its lifecycle state machine and the capture of its output as function logs.
 */
package dev.nimbus.sandbox.instance;
