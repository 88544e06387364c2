package dev.nimbus.events.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventFilterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> ORDER = Map.of("id", "e-1", "source", "/shop", "type", "order.created",
            "specversion", "1.0", "tenant", "acme");

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // exact, case-sensitive
        "{'type': 'order.created'}                       | {'type': 'order.created'}         | true",
        "{'type': 'order.created'}                       | {'type': 'Order.Created'}         | false",
        "{'type': 'order.created'}                       | {'type': 'order.created.v2'}      | false",
        "{'type': 'order.created'}                       | {}                                | false",
        // prefix and suffix
        "{'type': {'prefix': 'order.'}}                  | {'type': 'order.paid'}            | true",
        "{'type': {'prefix': 'order.'}}                  | {'type': 'invoice.order.'}        | false",
        "{'type': {'prefix': 'order.'}}                  | {}                                | false",
        "{'source': {'suffix': '/eu'}}                   | {'source': '/shop/eu'}            | true",
        "{'source': {'suffix': '/eu'}}                   | {'source': '/eu/shop'}            | false",
        "{'source': {'suffix': '/eu'}}                   | {}                                | false",
        // anything-but: a missing attribute is anything but the values
        "{'type': {'anything-but': 'order.deleted'}}     | {'type': 'order.created'}         | true",
        "{'type': {'anything-but': 'order.deleted'}}     | {'type': 'order.deleted'}         | false",
        "{'type': {'anything-but': ['a', 'b']}}          | {'type': 'b'}                     | false",
        "{'type': {'anything-but': ['a', 'b']}}          | {'type': 'c'}                     | true",
        "{'type': {'anything-but': ['a', 'b']}}          | {}                                | true",
        // exists
        "{'subject': {'exists': true}}                   | {'subject': 'o-1'}                | true",
        "{'subject': {'exists': true}}                   | {}                                | false",
        "{'subject': {'exists': false}}                  | {}                                | true",
        "{'subject': {'exists': false}}                  | {'subject': ''}                   | false",
        // an array is OR, keys are AND; extensions are attributes like any other
        "{'type': ['order.created', {'prefix': 'inv'}]}  | {'type': 'invoice.sent'}          | true",
        "{'type': ['order.created', {'prefix': 'inv'}]}  | {'type': 'order.paid'}            | false",
        "{'type': ['x', {'exists': false}]}              | {}                                | true",
        "{'type': 'order.created', 'tenant': 'acme'}     | {'type': 'order.created', 'tenant': 'acme'} | true",
        "{'type': 'order.created', 'tenant': 'acme'}     | {'type': 'order.created', 'tenant': 'ikea'} | false",
        "{'type': 'order.created', 'tenant': 'acme'}     | {'type': 'order.created'}         | false",
    })
    void attributeConditions(String condition, String attributes, boolean matches) {
        var filter = filter("{'attributes': " + condition + "}");

        assertThat(filter.matches(attributes(attributes), null)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // scalars; numbers by value
        "{'status': 'paid'}                         | {'status': 'paid'}                    | true",
        "{'status': 'paid'}                         | {'status': 'PAID'}                    | false",
        "{'amount': 10}                             | {'amount': 10.0}                      | true",
        "{'amount': 10.0}                           | {'amount': 10}                        | true",
        "{'amount': 1E1}                            | {'amount': 10}                        | true",
        "{'amount': 10}                             | {'amount': '10'}                      | false",
        "{'amount': 10}                             | {'amount': 10.5}                      | false",
        "{'vip': true}                              | {'vip': true}                         | true",
        "{'vip': true}                              | {'vip': 'true'}                       | false",
        "{'coupon': null}                           | {'coupon': null}                      | true",
        "{'coupon': null}                           | {}                                    | false",
        // nested paths; a step through a non-object is missing
        "{'order.customer.country': 'FR'}           | {'order': {'customer': {'country': 'FR'}}} | true",
        "{'order.customer.country': 'FR'}           | {'order': {'customer': 'FR'}}         | false",
        "{'order.customer.country': {'exists': false}} | {'order': ['customer']}            | true",
        "{'a.b.c.d.e.f.g.h': 1}                     | {'a':{'b':{'c':{'d':{'e':{'f':{'g':{'h':1}}}}}}}} | true",
        // exists: a JSON null is there
        "{'coupon': {'exists': true}}               | {'coupon': null}                      | true",
        "{'coupon': {'exists': true}}               | {}                                    | false",
        "{'coupon': {'exists': false}}              | {}                                    | true",
        "{'coupon': {'exists': false}}              | {'coupon': 'X'}                       | false",
        // numeric: bounds, int vs decimal, only numbers
        "{'amount': {'numeric': ['>', 10]}}         | {'amount': 10}                        | false",
        "{'amount': {'numeric': ['>', 10]}}         | {'amount': 10.000001}                 | true",
        "{'amount': {'numeric': ['>=', 10]}}        | {'amount': 10.0}                      | true",
        "{'amount': {'numeric': ['>=', 10.5]}}      | {'amount': 10}                        | false",
        "{'amount': {'numeric': ['<', 10]}}         | {'amount': 10}                        | false",
        "{'amount': {'numeric': ['<', 10]}}         | {'amount': -3}                        | true",
        "{'amount': {'numeric': ['<=', 10]}}        | {'amount': 10}                        | true",
        "{'amount': {'numeric': ['=', 10.0]}}       | {'amount': 10}                        | true",
        "{'amount': {'numeric': ['=', 0.1]}}        | {'amount': 0.10}                      | true",
        "{'amount': {'numeric': ['>=', 10, '<', 20]}} | {'amount': 10}                      | true",
        "{'amount': {'numeric': ['>=', 10, '<', 20]}} | {'amount': 19.99}                   | true",
        "{'amount': {'numeric': ['>=', 10, '<', 20]}} | {'amount': 20}                      | false",
        "{'amount': {'numeric': ['>=', 10, '<', 20]}} | {'amount': 9.99}                    | false",
        "{'amount': {'numeric': ['>', 0]}}          | {'amount': 123456789012345678901234567890} | true",
        "{'amount': {'numeric': ['>', 0]}}          | {'amount': '15'}                      | false",
        "{'amount': {'numeric': ['>', 0]}}          | {'amount': null}                      | false",
        "{'amount': {'numeric': ['>', 0]}}          | {}                                    | false",
        "{'amount': {'numeric': ['>', 0]}}          | {'amount': 1e400}                     | false",
        // anything-but: the field must exist
        "{'status': {'anything-but': 'cancelled'}}  | {'status': 'paid'}                    | true",
        "{'status': {'anything-but': 'cancelled'}}  | {'status': 'cancelled'}               | false",
        "{'status': {'anything-but': 'cancelled'}}  | {}                                    | false",
        "{'status': {'anything-but': 'cancelled'}}  | {'status': null}                      | true",
        "{'amount': {'anything-but': [0, null]}}    | {'amount': 0.0}                       | false",
        "{'amount': {'anything-but': [0, null]}}    | {'amount': null}                      | false",
        "{'amount': {'anything-but': [0, null]}}    | {'amount': 5}                         | true",
        // prefix and suffix: strings only
        "{'sku': {'prefix': 'EU-'}}                 | {'sku': 'EU-42'}                      | true",
        "{'sku': {'prefix': 'EU-'}}                 | {'sku': 'US-42'}                      | false",
        "{'code': {'prefix': '4'}}                  | {'code': 42}                          | false",
        "{'sku': {'suffix': '-XL'}}                 | {'sku': 'shirt-XL'}                   | true",
        "{'code': {'suffix': '2'}}                  | {'code': 42}                          | false",
        "{'sku': {'suffix': '-XL'}}                 | {}                                    | false",
        // OR arrays mixing scalars and conditions
        "{'amount': [0, {'numeric': ['>', 100]}]}   | {'amount': 0}                         | true",
        "{'amount': [0, {'numeric': ['>', 100]}]}   | {'amount': 150}                       | true",
        "{'amount': [0, {'numeric': ['>', 100]}]}   | {'amount': 50}                        | false",
        "{'sku': ['A', 'B', {'exists': false}]}     | {'sku': 'B'}                          | true",
        "{'sku': ['A', 'B', {'exists': false}]}     | {}                                    | true",
        "{'sku': ['A', 'B', {'exists': false}]}     | {'sku': 'C'}                          | false",
        // data that is not an object has no fields
        "{'x': {'exists': false}}                   | [1, 2]                                | true",
        "{'x': 1}                                   | \"text\"                              | false",
    })
    void dataConditions(String condition, String data, boolean matches) {
        var filter = filter("{'data': " + condition + "}");

        assertThat(filter.matches(ORDER, json(data))).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{'x': {'exists': false}}                   | true",
        "{'x': {'exists': false}, 'y.z': {'exists': false}} | true",
        "{'x': {'exists': true}}                    | false",
        "{'x': null}                                | false",
        "{'x': {'anything-but': 'a'}}               | false",
        "{'x': {'numeric': ['<', 0]}}               | false",
        "{'x': {'prefix': ''}}                      | false",
        "{'x': ['a', {'exists': false}]}            | true",
    })
    void withoutDataOnlyExistsFalseCanMatch(String condition, boolean matches) {
        assertThat(filter("{'data': " + condition + "}").matches(ORDER, null)).isEqualTo(matches);
    }

    @Test
    void attributesAndDataMustBothHold() {
        var filter = filter("{'attributes': {'type': {'prefix': 'order.'}}, 'data': {'amount': {'numeric': ['>', 100]}}}");

        assertThat(filter.matches(ORDER, json("{'amount': 150}"))).isTrue();
        assertThat(filter.matches(ORDER, json("{'amount': 50}"))).isFalse();
        assertThat(filter.matches(Map.of("type", "invoice.sent"), json("{'amount': 150}"))).isFalse();
        assertThat(filter.matches(ORDER, null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"NULL", "null", "{}", "{'attributes': {}}",
            "{'attributes': {}, 'data': {}}"})
    void anEmptyFilterIsAllAndMatchesEverything(String given) {
        var filter = given == null ? EventFilter.parse(null) : filter(given);

        assertThat(filter).isSameAs(EventFilter.ALL);
        assertThat(filter.matches(Map.of(), null)).isTrue();
        assertThat(filter.matches(ORDER, json("{'a': 1}"))).isTrue();
        assertThat(filter.toJson()).isEqualTo(JSON.createObjectNode());
        assertThat(EventFilter.parse(NullNode.getInstance())).isSameAs(EventFilter.ALL);
    }

    @Test
    void toJsonShowsTheFilterBackAndCannotChangeIt() {
        var given = json("{'data': {'amount': {'numeric': ['>=', 10]}}, 'attributes': {'type': ['a', 'b']}}");
        var filter = EventFilter.parse(given);

        assertThat(filter.toJson()).isEqualTo(given);
        assertThat(filter.toJson().toString())
                .as("attributes first, whatever order they came in")
                .isEqualTo("{\"attributes\":{\"type\":[\"a\",\"b\"]},\"data\":{\"amount\":{\"numeric\":[\">=\",10]}}}");
        ((ObjectNode) given).remove("data");
        ((ObjectNode) filter.toJson()).remove("attributes");
        assertThat(filter.toJson().size()).isEqualTo(2);
        assertThat(filter.matches(Map.of("type", "b"), json("{'amount': 9}"))).isFalse();
        assertThat(EventFilter.parse(filter.toJson()).toJson()).isEqualTo(filter.toJson());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"order.created\"                  | a filter is a JSON object with \"attributes\" and/or \"data\", was string",
        "[]                                 | a filter is a JSON object with \"attributes\" and/or \"data\", was array",
        "{'type': 'x'}                      | unknown filter key \"type\": allowed are \"attributes\" and \"data\"",
        "{'attributes': ['type']}           | attributes is an object of attribute name to condition, was array",
        "{'attributes': null}               | attributes is an object of attribute name to condition, was null",
        "{'data': 'x'}                      | data is an object of path to condition, was string",
        "{'attributes': {'': 'x'}}          | attributes: an attribute name cannot be empty",
        "{'data': {'': 1}}                  | data.: a path is field names separated by dots, each non-empty",
        "{'data': {'a..b': 1}}              | data.a..b: a path is field names separated by dots, each non-empty",
        "{'data': {'a.': 1}}                | data.a.: a path is field names separated by dots, each non-empty",
        "{'data': {'a.b.c.d.e.f.g.h.i': 1}} | data.a.b.c.d.e.f.g.h.i: a path is at most 8 fields deep, was 9",
        "{'attributes': {'type': []}}       | attributes.type: an array holds 1 to 32 alternatives, had 0",
        "{'attributes': {'type': [['a']]}}  | attributes.type[0]: an alternative cannot be an array; allowed: a string, {\"prefix\"",
        "{'data': {'x': [1, [2]]}}          | data.x[1]: an alternative cannot be an array; allowed: a string, number, boolean or null",
        "{'attributes': {'type': 1}}        | attributes.type: an attribute condition is a string, {\"prefix\": s}, {\"suffix\": s}, {\"anything-but\": s or [s, ...]}, {\"exists\": true|false}, or an array of these; was number",
        "{'attributes': {'type': [true]}}   | attributes.type[0]: an attribute condition is a string",
        "{'attributes': {'type': {}}}       | attributes.type: a condition object has exactly one key, had 0; allowed: a string, {\"prefix\"",
        "{'data': {'x': {'prefix': 'a', 'suffix': 'b'}}} | data.x: a condition object has exactly one key, had 2; allowed: a string, number",
        "{'attributes': {'type': {'exists': 'yes'}}} | attributes.type: exists takes true or false, was string",
        "{'data': {'x': {'exists': 1}}}     | data.x: exists takes true or false, was number",
        "{'attributes': {'type': {'prefix': 1}}} | attributes.type: prefix takes a string, was number",
        "{'data': {'x': {'suffix': null}}}  | data.x: suffix takes a string, was null",
        "{'attributes': {'type': {'anything-but': 1}}} | attributes.type: anything-but takes a string or an array of 1 to 32 strings, found number",
        "{'attributes': {'type': {'anything-but': []}}} | attributes.type: anything-but takes a string or an array of 1 to 32 strings, had 0",
        "{'data': {'x': {'anything-but': [{'a': 1}]}}} | data.x: anything-but takes a string, number, boolean or null, or an array of 1 to 32 of them, found object",
        "{'data': {'x': {'anything-but': [1, [2]]}}} | data.x: anything-but takes a string, number, boolean or null, or an array of 1 to 32 of them, found array",
        "{'attributes': {'time': {'numeric': ['>', 1]}}} | attributes.time: numeric applies to data only; an attribute condition is a string",
        "{'data': {'x': {'numeric': 10}}}   | data.x: numeric takes [op, number] or [op, number, op, number] with op one of >, >=, <, <=, =; was number",
        "{'data': {'x': {'numeric': ['>', 1, '<']}}} | data.x: numeric takes [op, number] or [op, number, op, number] with op one of >, >=, <, <=, =; was an array of 3",
        "{'data': {'x': {'numeric': []}}}   | data.x: numeric takes [op, number] or [op, number, op, number] with op one of >, >=, <, <=, =; was an array of 0",
        "{'data': {'x': {'numeric': ['!=', 1]}}} | data.x: numeric takes [op, number] or [op, number, op, number] with op one of >, >=, <, <=, =; element 0 is not an op",
        "{'data': {'x': {'numeric': [1, '>']}}} | data.x: numeric takes [op, number] or [op, number, op, number] with op one of >, >=, <, <=, =; element 0 is not an op",
        "{'data': {'x': {'numeric': ['>', 1, '=>', 2]}}} | data.x: numeric takes [op, number] or [op, number, op, number] with op one of >, >=, <, <=, =; element 2 is not an op",
        "{'data': {'x': {'numeric': ['>', '1']}}} | data.x: numeric takes [op, number] or [op, number, op, number] with op one of >, >=, <, <=, =; element 1 is not a finite number",
        "{'data': {'x': {'numeric': ['>', 1e400]}}} | data.x: numeric takes [op, number] or [op, number, op, number] with op one of >, >=, <, <=, =; element 1 is not a finite number",
        "{'data': {'x': 1e400}}             | data.x: a number must be finite",
        "{'data': {'x': {'anything-but': -1e400}}} | data.x: a number must be finite",
        "{'attributes': {'type': {'regex': '.*'}}} | attributes.type: unknown condition \"regex\"; allowed: a string, {\"prefix\": s}",
        "{'data': {'x': {'equals': 1}}}     | data.x: unknown condition \"equals\"; allowed: a string, number, boolean or null, {\"prefix\": s}, {\"suffix\": s}, {\"anything-but\": scalar or [scalars]}, {\"numeric\": [op, n] or [op, n, op, n]}, {\"exists\": true|false}, or an array of these",
    })
    void badFiltersAreRefusedWithAReason(String filter, String reason) {
        var given = json(filter);

        assertThatThrownBy(() -> EventFilter.parse(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void stringsAreAtMost256Characters() {
        String ok = "a".repeat(256);
        String tooLong = "a".repeat(257);

        assertThat(filter("{'attributes': {'" + ok + "': '" + ok + "'}}").matches(Map.of(ok, ok), null)).isTrue();
        assertThat(filter("{'data': {'x': {'anything-but': ['" + ok + "']}}}")).isNotNull();
        assertRefused("{'attributes': {'type': '" + tooLong + "'}}",
                "attributes.type: a string is at most 256 characters, was 257");
        assertRefused("{'attributes': {'type': {'prefix': '" + tooLong + "'}}}",
                "attributes.type: a string is at most 256 characters, was 257");
        assertRefused("{'data': {'x': {'suffix': '" + tooLong + "'}}}",
                "data.x: a string is at most 256 characters, was 257");
        assertRefused("{'data': {'x': {'anything-but': ['b', '" + tooLong + "']}}}",
                "data.x: a string is at most 256 characters, was 257");
        assertRefused("{'data': {'x': ['b', '" + tooLong + "']}}",
                "data.x[1]: a string is at most 256 characters, was 257");
        assertRefused("{'attributes': {'" + tooLong + "': 'x'}}",
                "attributes." + "a".repeat(64) + "…: a string is at most 256 characters, was 257");
        assertRefused("{'data': {'" + "a.".repeat(128) + "b': 1}}",
                "data." + "a.".repeat(32) + "…: a string is at most 256 characters, was 257");
        assertRefused("{'" + tooLong + "': {}}", "unknown filter key \"" + "a".repeat(64) + "…\"");
    }

    @Test
    void aFilterHasAtMost32ConditionsInAll() {
        String limit = "a filter has at most 32 conditions in all (each alternative counts)";

        assertThat(filter("{'attributes': {'type': " + values(32) + "}}").matches(Map.of("type", "v31"), null)).isTrue();
        assertThat(filter("{'attributes': {'type': " + values(16) + "}, 'data': {'x': " + values(16) + "}}"))
                .isNotNull();
        assertRefused("{'attributes': {'type': " + values(33) + "}}",
                "attributes.type: an array holds 1 to 32 alternatives, had 33");
        assertRefused("{'attributes': {'type': " + values(20) + ", 'source': " + values(13) + "}}", limit);
        assertRefused("{'attributes': {'type': " + values(16) + "}, 'data': {'x': " + values(16) + ", 'y': 1}}",
                limit);
        String keys = IntStream.range(0, 33).mapToObj(i -> "'k" + i + "': 'v'").collect(Collectors.joining(", "));
        assertRefused("{'data': {" + keys + "}}", limit);
        assertRefused("{'data': {'x': {'anything-but': " + values(33) + "}}}",
                "data.x: anything-but takes a string, number, boolean or null, or an array of 1 to 32 of them, had 33");
    }

    private static String values(int n) {
        return IntStream.range(0, n).mapToObj(i -> "'v" + i + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private static void assertRefused(String filter, String reason) {
        var given = json(filter);
        assertThatThrownBy(() -> EventFilter.parse(given)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason.endsWith("…\"") ? reason + ": allowed are \"attributes\" and \"data\"" : reason);
    }

    private static EventFilter filter(String json) {
        return EventFilter.parse(json(json));
    }

    private static Map<String, String> attributes(String json) {
        var attributes = new java.util.HashMap<String, String>();
        json(json).properties().forEach(e -> attributes.put(e.getKey(), e.getValue().textValue()));
        return attributes;
    }

    /** JSON written with single quotes, so the tables read easily. */
    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
