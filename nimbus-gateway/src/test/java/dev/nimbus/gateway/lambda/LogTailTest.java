package dev.nimbus.gateway.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LogTailTest {

    static String decode(LogTail tail) {
        return new String(Base64.getDecoder().decode(tail.base64()), StandardCharsets.UTF_8);
    }

    @Test
    void keepsEveryLineWithItsNewlineWhileUnder4Kb() {
        var tail = new LogTail();
        tail.line("START RequestId: r Version: $LATEST");
        tail.line("hello");
        tail.line("END RequestId: r");
        assertThat(decode(tail)).isEqualTo("START RequestId: r Version: $LATEST\nhello\nEND RequestId: r\n");
    }

    @Test
    void keepsTheLast4096BytesOfALongLog() {
        var tail = new LogTail();
        for (int i = 0; i < 1000; i++) {
            tail.line("line " + i);
        }
        tail.line("REPORT RequestId: r");
        byte[] bytes = Base64.getDecoder().decode(tail.base64());
        assertThat(bytes).hasSize(LogTail.MAX_BYTES);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith("line 999\nREPORT RequestId: r\n");
    }

    @Test
    void neverStartsInTheMiddleOfACharacter() {
        var tail = new LogTail();
        tail.line("é".repeat(3000)); // 6000 bytes: a cut at 4096 from the end falls on the second byte of an 'é'
        String text = decode(tail);
        assertThat(text).matches("é+\n");
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LogTail.MAX_BYTES);
    }
}
