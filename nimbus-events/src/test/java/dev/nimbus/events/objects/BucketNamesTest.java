package dev.nimbus.events.objects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket.2026", "a123456789b123456789c123456789d123456789e123456789f123456789abc"})
    void validNames(String name) {
        assertThat(BucketNames.problem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Bad_Bucket", "-start", "end-", "two..dots", "192.168.5.4", "xn--punycode",
            "sthree-x", "x-s3alias", "x--ol-s3", "with space", ""})
    void invalidNamesSayWhy(String name) {
        assertThat(BucketNames.problem(name)).startsWith("Bucket names must");
    }
}
