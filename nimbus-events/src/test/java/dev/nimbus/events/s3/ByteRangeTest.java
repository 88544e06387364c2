package dev.nimbus.events.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of 100 bytes -> {1}")
    @CsvSource(nullValues = "whole", value = {
            "bytes=0-9, 0-9",
            "bytes=90-, 90-99",
            "bytes=-10, 90-99",
            "bytes=-500, 0-99",
            "bytes=95-200, 95-99",
            "bytes=5-2, whole",
            "bytes=0-1;2-3, whole",
            "'bytes=0-1,5-6', whole",
            "items=0-1, whole",
            "bytes=-, whole"})
    void singleRangesAreReadAsS3ReadsThem(String header, String expected) {
        long[] range = ByteRange.parse(header, 100);
        assertThat(range == null ? null : range[0] + "-" + range[1]).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"bytes=100-, 100", "bytes=-0, 100", "bytes=0-, 0"})
    void aRangeStartingBeyondTheObjectIsUnsatisfiable(String header, long size) {
        assertThatThrownBy(() -> ByteRange.parse(header, size)).isInstanceOfSatisfying(S3Error.class,
                e -> assertThat(e.status()).isEqualTo(416));
    }
}
