package dev.nimbus.controlplane.lambda;

/**
 * What an operation answers when it succeeds.
 *
 * @param status HTTP status
 * @param body   a response shape written as JSON, or null for no body
 */
record Reply(int status, Object body) {

    static Reply ok(Object body) {
        return new Reply(200, body);
    }

    static Reply created(Object body) {
        return new Reply(201, body);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }
}
