package dev.nimbus.gateway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules every response a function describes must pass before it reaches the connection, for
 * both payload formats. The function controls the status, headers and body of its response but
 * never the framing of the connection: what would change it is renamed as API Gateway does
 * ({@code Content-Length: 0} becomes {@code x-amzn-Remapped-Content-Length: 0}), so a function
 * cannot end its response early and smuggle a second one onto a kept-alive connection, nor switch
 * protocols. What cannot be written as HTTP/1.1 at all (a status outside 200-599, a header name
 * that is not a token, a control character in a value) makes the response a 502, as on AWS.
 */
final class FunctionResponses {
    private static final System.Logger LOG = System.getLogger(FunctionResponses.class.getName());

    /**
     * Framing, hop-by-hop and server-owned headers; a function's values go out under x-amzn-Remapped-.
     * So do the headers by which a page could reach beyond its function's own paths on this origin,
     * which the dashboard and the API share: {@code Service-Worker-Allowed} (a service worker
     * scoped to {@code /} would sit in front of the dashboard and read its API key) and
     * {@code Clear-Site-Data}.
     */
    static final Set<String> REMAPPED = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
            "upgrade", "te", "trailer", "proxy-authenticate", "proxy-authorization", "date", "server",
            "service-worker-allowed", "clear-site-data");

    private FunctionResponses() {
    }

    /**
     * The response to send for what the function described, or a 502 with {@code internalErrorMessage}.
     *
     * @param headers lower-case names to values, as the payload read them
     */
    static HttpReply checked(int status, Map<String, List<String>> headers, byte[] body, String internalErrorMessage) {
        if (status < 200 || status > 599) {
            return refused("status " + status + " is outside 200-599", internalErrorMessage);
        }
        var out = new LinkedHashMap<String, List<String>>();
        for (var h : headers.entrySet()) {
            String name = h.getKey();
            if (!isToken(name)) {
                return refused("a header name is not an HTTP token", internalErrorMessage);
            }
            for (String value : h.getValue()) {
                if (!isFieldValue(value)) {
                    return refused("header " + name + " has a control character", internalErrorMessage);
                }
            }
            String sent = REMAPPED.contains(name) ? "x-amzn-remapped-" + name : name;
            out.computeIfAbsent(sent, k -> new ArrayList<>()).addAll(h.getValue());
        }
        boolean bodiless = status == 204 || status == 304;
        return new HttpReply(status, out, bodiless ? new byte[0] : body);
    }

    /** RFC 9110 §5.6.2: one or more tchar. */
    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    /** No control characters but horizontal tab: CR and LF would end the header, NUL is never allowed. */
    static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static HttpReply refused(String why, String internalErrorMessage) {
        LOG.log(System.Logger.Level.DEBUG, "Function response refused: {0}", why);
        return HttpReply.message(502, internalErrorMessage);
    }
}
