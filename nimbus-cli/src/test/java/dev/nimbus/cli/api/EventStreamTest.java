package dev.nimbus.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    @Test
    void joinsDataLinesAndSkipsCommentsAndOtherFields() throws IOException {
        assertThat(events("data: a\n\n: keep-alive\n\nid: 7\nevent: log\ndata:b\ndata:  c\n\n"))
                .containsExactly("a", "b\n c");
    }

    @Test
    void acceptsCrLfAndLoneCr() throws IOException {
        assertThat(events("data: x\r\n\r\ndata: y\r\r")).containsExactly("x", "y");
    }

    @Test
    void eventWithoutItsBlankLineAtTheEndIsDropped() throws IOException {
        assertThat(events("data: complete\n\ndata: cut off")).containsExactly("complete");
    }

    @Test
    void otherFieldsThatStartWithDataAreNotData() throws IOException {
        assertThat(events("database: x\ndata\n\n")).containsExactly("");
    }

    private static List<String> events(String stream) throws IOException {
        List<String> events = new ArrayList<>();
        EventStream.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), events::add);
        return events;
    }
}
