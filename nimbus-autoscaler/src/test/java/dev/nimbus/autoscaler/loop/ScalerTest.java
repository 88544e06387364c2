package dev.nimbus.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.autoscaler.decide.Decider;
import dev.nimbus.autoscaler.decide.Observation;
import dev.nimbus.core.function.ScalingSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The loop around the decider, ticked by hand on a manual clock. */
class ScalerTest {

    /** A clock the test moves. */
    static final class ManualClock implements InstantSource {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** A target whose in-flight count the test sets; it records what it was told and observed. */
    static final class Target implements Scalable {
        final String key;
        volatile double inFlight;
        final List<Integer> scaledTo = new CopyOnWriteArrayList<>();
        final List<Observation> observed = new CopyOnWriteArrayList<>();

        Target(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public ScalingSpec spec() {
            return ScalingSpec.defaults();
        }

        @Override
        public Observation observe(Instant now) {
            int ready = scaledTo.isEmpty() ? 0 : scaledTo.getLast();
            var o = Observation.of(now, inFlight, (long) inFlight, ready, 0);
            observed.add(o);
            return o;
        }

        @Override
        public void scaleTo(int desiredInstances, boolean scaleDown) {
            scaledTo.add(desiredInstances);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<Target> targets = new ArrayList<>();
    private final Scaler scaler = Scaler.manual(() -> List.copyOf(targets), Decider.kpa(), clock);

    @Test
    void eachTickDecidesForEveryTargetAndKeepsTheReasonOfEachChange() {
        var busy = new Target("busy");
        var quiet = new Target("quiet");
        targets.addAll(List.of(busy, quiet));
        busy.inFlight = 7;

        scaler.tick();
        clock.advance(Duration.ofSeconds(2));
        scaler.tick();

        assertThat(busy.scaledTo).containsExactly(10, 10);
        assertThat(quiet.scaledTo).as("a new target keeps its initial instance while observed").containsExactly(1, 1);
        Scaler.Status status = scaler.status("busy").orElseThrow();
        assertThat(status.desired()).isEqualTo(10);
        assertThat(status.reason()).contains("7.00 in-flight invocations");
        assertThat(status.changes()).hasSize(1);
        assertThat(status.changes().getFirst().from()).isEqualTo(1);
        assertThat(status.changes().getFirst().to()).isEqualTo(10);
    }

    @Test
    void pokesCoalesceIntoOneImmediateDecisionMarkedAsAPoke() {
        var target = new Target("fn");
        targets.add(target);
        target.inFlight = 3;

        scaler.poke(target);
        scaler.poke(target);
        scaler.decidePoked();

        assertThat(target.scaledTo).containsExactly(5);
        assertThat(scaler.status("fn").orElseThrow().reason()).contains("poke");
    }

    @Test
    void aPokeRightAfterADecisionWaitsForTheNextTick() {
        var target = new Target("fn");
        targets.add(target);
        scaler.tick();
        target.inFlight = 30;

        clock.advance(Duration.ofMillis(400));
        scaler.poke(target);
        scaler.decidePoked();
        assertThat(target.scaledTo).as("within a second of the tick").hasSize(1);

        clock.advance(Duration.ofMillis(600));
        scaler.poke(target);
        scaler.decidePoked();
        assertThat(target.scaledTo).hasSize(2);
        assertThat(target.scaledTo.getLast()).isGreaterThan(1);
    }

    @Test
    void aTargetThatIsGoneIsForgotten() {
        var target = new Target("fn");
        targets.add(target);
        scaler.tick();
        assertThat(scaler.status("fn")).isPresent();

        targets.clear();
        scaler.tick();

        assertThat(scaler.status("fn")).isEmpty();
    }

    @Test
    void withoutTrafficATargetGoesToZeroAfterTheStableWindowAndTheGrace() {
        var target = new Target("fn");
        targets.add(target);
        for (int s = 0; s <= 90; s += 2) {
            scaler.tick();
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(target.scaledTo.getLast()).isZero();
        assertThat(scaler.status("fn").orElseThrow().changes().getFirst().to()).isZero();
    }
}
