package dev.nimbus.sandbox.pool;

import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.sandbox.instance.Instance;
import java.io.IOException;

/** Starts one instance of a revision; the seam that tests replace. */
@FunctionalInterface
public interface InstanceStarter {

    /**
     * @throws dev.nimbus.sandbox.launch.LaunchRefusedException if the function cannot be started as
     *         configured (an init error of the function)
     * @throws IOException if Nimbus could not start the process
     */
    Instance start(FunctionRevision revision) throws IOException;
}
