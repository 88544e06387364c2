package dev.nimbus.core.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreconditionTest {

    @ParameterizedTest(name = "If-Match {0}, If-None-Match * {1}, stored {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "-,     false, -,  -",
            "-,     false, e1, -",
            "-,     true,  -,  -",
            "-,     true,  e1, PRECONDITION_FAILED If-None-Match",
            "e1,    false, e1, -",
            "e0 e1, false, e1, -",
            "e2,    false, e1, PRECONDITION_FAILED If-Match",
            "e1,    false, -,  NO_SUCH_KEY If-Match",
            "*,     false, e1, -",
            "*,     false, -,  NO_SUCH_KEY If-Match",
            "e1,    true,  e1, PRECONDITION_FAILED If-None-Match"})
    void aWriteGoesOnOnlyIfItsConditionsHold(String ifMatch, boolean ifNoneMatch, String stored, String refusal) {
        var condition = new Precondition(ifMatch == null ? List.of() : List.of(ifMatch.split(" ")), ifNoneMatch);

        StorageException refused = condition.refusal(stored);

        assertThat(refused == null ? null : refused.reason() + " " + refused.getMessage()).isEqualTo(refusal);
    }
}
