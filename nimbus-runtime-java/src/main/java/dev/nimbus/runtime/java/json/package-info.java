/**
 * Event and result (de)serialization. Events and results made of maps, lists, strings, numbers
 * and booleans go through a small strict JSON codec that gives the same values and bytes as
 * Jackson; anything else (POJOs, lenient JSON) goes to a relocated Jackson configured like the
 * AWS Java runtime's, which is loaded only when first needed, and aws-lambda-java-events classes
 * to a copy of it that knows their AWS names ({@code json.events}).
 */
package dev.nimbus.runtime.java.json;
