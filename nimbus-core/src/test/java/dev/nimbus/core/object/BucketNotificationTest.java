package dev.nimbus.core.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketNotificationTest {

    @ParameterizedTest(name = "{0} on {1} with {2} -> {3}")
    @CsvSource({
            "ObjectCreated:*,   ObjectCreated:Put,          in/a.csv,  true",
            "ObjectCreated:*,   ObjectCreated:Copy,         in/a.csv,  true",
            "ObjectCreated:*,   ObjectRemoved:Delete,       in/a.csv,  false",
            "ObjectCreated:Put, ObjectCreated:Post,         in/a.csv,  false",
            "ObjectRemoved:*,   ObjectRemoved:Delete,       in/a.csv,  true",
            "ObjectCreated:Put, ObjectCreated:Put,          out/a.csv, false",
            "ObjectCreated:Put, ObjectCreated:Put,          in/a.txt,  false",
            "ObjectCreated:*,   ObjectCreatedX:Put,         in/a.csv,  false"})
    void matchesByEventKindPrefixAndSuffix(String kind, String eventName, String key, boolean matches) {
        var n = new BucketNotification("b", "n", "fn", null, List.of(kind), "in/", ".csv", Instant.EPOCH, null);
        assertThat(n.matches(eventName, key)).isEqualTo(matches);
    }
}
