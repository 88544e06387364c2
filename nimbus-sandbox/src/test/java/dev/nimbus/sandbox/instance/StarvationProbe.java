package dev.nimbus.sandbox.instance;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link OutputPumpTest} in a JVM whose virtual threads have a single carrier and no spare:
 * pumps the output of a silent process, then checks that a virtual thread still gets to run.
 * Exits 0 if it does, 1 if the pumps starved it.
 */
final class StarvationProbe {
    private static final byte[] MARK = {0, 'm'};

    private StarvationProbe() {
    }

    public static void main(String[] args) throws Exception {
        Process silent = new ProcessBuilder("sleep", "60").start();
        boolean ran;
        try {
            OutputPump.start("probe-out", silent.getInputStream(), new OutputPump(line -> { }, MARK, () -> { }), () -> { });
            OutputPump.start("probe-err", silent.getErrorStream(), new OutputPump(line -> { }, MARK, () -> { }), () -> { });
            var started = new CountDownLatch(1);
            Thread.ofVirtual().start(started::countDown);
            ran = started.await(10, TimeUnit.SECONDS);
        } finally {
            silent.destroyForcibly();
        }
        System.exit(ran ? 0 : 1);
    }
}
