package dev.nimbus.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.NimbusCli;
import dev.nimbus.cli.Shell;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class CompletionCommandTest {

    @Test
    void bashScriptCompletesEveryCommandSubcommandAndOption() {
        CliRun run = CliRun.run(Shell.of(Map.of()), "completion", "bash");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_nimbus", "_picocli_nimbus_alias_set()", "_picocli_nimbus_invocations()")
                .contains("deploy", "invoke", "logs", "invocations", "completion", "namespace", "--outcome", "--follow")
                .contains("local FORMAT_option_args=(\"table\" \"json\")", "(\"bash\" \"zsh\")");
    }

    @Test
    void zshGetsTheSameScriptWhichLoadsBashcompinitItself() {
        CliRun bash = CliRun.run(Shell.of(Map.of()), "completion", "bash");
        CliRun zsh = CliRun.run(Shell.of(Map.of()), "completion", "zsh");

        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).endsWith(bash.out()).contains("bashcompinit");
    }

    @Test
    void commandsAddedByTheServerModuleAreCompletedToo() {
        var cli = NimbusCli.commandLine(Shell.of(Map.of()), new Doctor());
        var out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("completion", "bash")).isZero();
        assertThat(out.toString()).contains("_picocli_nimbus_doctor()", "--deep");
    }

    @Test
    void anotherShellIsAUsageError() {
        CliRun run = CliRun.run(Shell.of(Map.of()), "completion", "fish");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Invalid value for positional parameter at index 0 (SHELL)", "fish");
    }

    @Command(name = "doctor")
    static final class Doctor implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--deep")
        boolean deep;

        @Override
        public Integer call() {
            return 0;
        }
    }
}
