package dev.nimbus.gateway.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientContextHeaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"custom\":{\"k\":\"v\"}}                          | {\"custom\":{\"k\":\"v\"}}",
        "`{\n  \"custom\" : {\"k\": \"v\"},\r\n\t\"env\": {} }` | {\"custom\":{\"k\":\"v\"},\"env\":{}}",
        "{\"custom\":{\"a b\":\" x  y \"}}                   | {\"custom\":{\"a b\":\" x  y \"}}",
        "{\"custom\":{\"q\":\"say \\\" hi \\\\\",\"n\": 1}}  | {\"custom\":{\"q\":\"say \\\" hi \\\\\",\"n\":1}}",
        "{\"custom\":{\"k\":\"é😀\"}}                         | {\"custom\":{\"k\":\"\\u00e9\\ud83d\\ude00\"}}",
    })
    void removesWhitespaceBetweenTokensAndEscapesNonAscii(String decoded, String header) throws Exception {
        String result = ClientContextHeader.of(decoded);

        assertThat(result).isEqualTo(header);
        assertThat(result.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
        assertThat(JSON.readTree(result)).isEqualTo(JSON.readTree(decoded));
    }
}
