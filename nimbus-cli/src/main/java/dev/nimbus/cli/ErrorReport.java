package dev.nimbus.cli;

import dev.nimbus.cli.api.ApiException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one {@code error: ...} line on stderr and an exit code; never a stack
 * trace. Bad input on the command line or in local files exits 2 ({@link #USAGE}); a server,
 * network or function failure exits 1 ({@link #FAILURE}).
 */
final class ErrorReport implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        // a bare 'nimbus' or 'nimbus alias' shows the commands to pick from
        if (args.length == 0 || String.valueOf(ex.getMessage()).startsWith("Missing required subcommand")) {
            command.usage(err);
        } else {
            err.println("try '" + command.getCommandSpec().qualifiedName() + " --help' for usage");
        }
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        err.println("error: " + describe(ex));
        err.flush();
        return FAILURE;
    }

    private static String describe(Exception ex) {
        if (ex instanceof ApiException) {
            return ex.getMessage();
        }
        String detail = ex.getMessage() == null ? "" : ": " + ex.getMessage();
        return "unexpected " + ex.getClass().getSimpleName() + detail;
    }
}
