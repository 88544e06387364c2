package dev.nimbus.sandbox.launch;

import java.nio.file.Path;

/**
 * Where the runtimes live on this machine.
 *
 * @param python          python interpreter for the python3 runtime (the system one starts fastest)
 * @param node            node executable for the nodejs runtime
 * @param javaHome        JDK or JRE home used for the java runtime
 * @param javaRuntimeJar  the nimbus-runtime-java jar hosting Java handlers
 * @param bootstrapDir    directory holding {@code python/bootstrap.py} and {@code node/bootstrap.mjs}
 * @param javaAotCache    AOT cache of the Java runtime, used once the file exists (it is trained in
 *                        the background), or null for none
 */
public record RuntimeConfig(Path python, Path node, Path javaHome, Path javaRuntimeJar, Path bootstrapDir,
                            Path javaAotCache) {
}
