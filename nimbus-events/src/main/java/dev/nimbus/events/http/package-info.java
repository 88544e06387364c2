/** What the events module's HTTP APIs share: names, function references, JSON answers and errors. */
package dev.nimbus.events.http;
