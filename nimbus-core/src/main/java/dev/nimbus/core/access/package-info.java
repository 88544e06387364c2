/**
 * API keys: their roles, their stored form (hashed, and sealed for SigV4) and the caller a request
 * was authenticated as. What each role may do is decided in the control plane.
 */
package dev.nimbus.core.access;
