package dev.nimbus.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";

    @Test
    void aValidTraceparentIsContinuedWithANewSpanUnderTheCallers() {
        var t = TraceContext.continuing("00-" + TRACE + "-" + PARENT + "-01", null);

        assertThat(t.traceId()).isEqualTo(TRACE);
        assertThat(t.parentId()).isEqualTo(PARENT);
        assertThat(t.spanId()).hasSize(16).isNotEqualTo(PARENT);
        assertThat(t.sampled()).isTrue();
        assertThat(t.traceparent()).isEqualTo("00-" + TRACE + "-" + t.spanId() + "-01");
    }

    @Test
    void theX_RayFormSplitsTheSameTraceIdAfterEightDigits() {
        var t = TraceContext.continuing(null, "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=" + PARENT + ";Sampled=0");

        assertThat(t.traceId()).isEqualTo(TRACE);
        assertThat(t.parentId()).isEqualTo(PARENT);
        assertThat(t.sampled()).isFalse();
        assertThat(t.xray()).isEqualTo("Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=" + t.spanId() + ";Sampled=0");
        assertThat(TraceContext.continuing(null, t.xray()).parentId()).as("read back").isEqualTo(t.spanId());
    }

    @Test
    void traceparentWinsOverX_Ray() {
        var t = TraceContext.continuing("00-" + TRACE + "-" + PARENT + "-00",
                "Root=1-11111111-111111111111111111111111;Parent=2222222222222222");

        assertThat(t.traceId()).isEqualTo(TRACE);
        assertThat(t.sampled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "00-" + TRACE + "-" + PARENT, "00-00000000000000000000000000000000-" + PARENT + "-01",
            "00-" + TRACE + "-0000000000000000-01", "ff-" + TRACE + "-" + PARENT + "-01",
            "00-" + TRACE + "-" + PARENT + "-01-extra", "00-" + TRACE + "X-" + PARENT + "-01", "Root=1-abc",
            "Root=2-4bf92f35-77b34da6a3ce929d0e0e4736"})
    void malformedHeadersStartANewTraceInsteadOfFailing(String header) {
        var t = TraceContext.continuing(header, header);

        assertThat(t.traceId()).hasSize(32).isNotEqualTo(TRACE);
        assertThat(t.parentId()).isNull();
    }

    @Test
    void aLaterVersionMayCarryMoreFieldsButUpperCaseHexIsNotTraceparent() {
        assertThat(TraceContext.continuing("01-" + TRACE + "-" + PARENT + "-01-more", null).traceId()).isEqualTo(TRACE);
        assertThat(TraceContext.continuing(("00-" + TRACE + "-" + PARENT + "-01").toUpperCase(), null).traceId())
                .isNotEqualTo(TRACE);
        assertThat(TraceContext.continuing("Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=" + PARENT, null).traceId())
                .as("an X-Ray value in the traceparent header is not read as one").isNotEqualTo(TRACE);
    }

    @Test
    void anX_RayHeaderWithoutParentNamesTheTraceOnly() {
        var t = TraceContext.continuing(null, "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736");

        assertThat(t.traceId()).isEqualTo(TRACE);
        assertThat(t.parentId()).as("no span was named, so none is invented").isNull();
    }

    @Test
    void theCallersHeaderIsKeptUnchangedForALaterDelivery() {
        String w3c = "00-" + TRACE + "-" + PARENT + "-01";
        String xray = "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=" + PARENT;

        assertThat(TraceContext.callerHeader(w3c, xray)).isEqualTo(w3c);
        assertThat(TraceContext.callerHeader("junk", xray)).isEqualTo(xray);
        assertThat(TraceContext.callerHeader(null, "junk")).isNull();
        var delivered = TraceContext.continuing(TraceContext.callerHeader(w3c, null), TraceContext.callerHeader(w3c, null));
        assertThat(delivered.parentId()).as("the delivery hangs under the caller's span").isEqualTo(PARENT);
    }

    @Test
    void anIdOfTheWrongShapeIsRefused() {
        assertThatThrownBy(() -> new TraceContext("abc", PARENT, null, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceContext(TRACE, "0000000000000000", null, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChildKeepsTheTraceAndHangsUnderThisSpan() {
        var parent = TraceContext.fresh();
        var child = parent.child();

        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.parentId()).isEqualTo(parent.spanId());
        assertThat(child.spanId()).isNotEqualTo(parent.spanId());
    }
}
