/**
 * The web dashboard at {@code /ui}: its static files (HTML, CSS, JavaScript modules, uPlot from its
 * webjar) as jar resources, served with strict security headers. The pages call the JSON API.
 */
package dev.nimbus.dashboard;
