package dev.nimbus.cli.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
            "52428800, 52428800",
            "1B, 1",
            "512KB, 524288",
            "512kib, 524288",
            "50MB, 52428800",
            "50MiB, 52428800",
            "50mb, 52428800",
            "'50 MB', 52428800",
            "1GB, 1073741824",
            "2GiB, 2147483648",
    })
    void parsesBytesAndPowerOf1024Units(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0MB", "-1", "50M", "50TB", "1.5GB", "MB", "50 MB B", "99999999999999999999",
            "9999999999GB"})
    void refusesWhatIsNotAPositiveSize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("was '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({
            "52428800, 50 MiB",
            "1073741824, 1 GiB",
            "1572864, 1536 KiB",
            "1000000, 1000000 bytes",
            "1, 1 byte",
    })
    void formatsWithTheLargestUnitThatDividesExactly(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }
}
