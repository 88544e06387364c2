package dev.nimbus.runtime.java;

import com.amazonaws.services.lambda.runtime.Context;
import dev.nimbus.runtime.java.context.ContextFactory;
import dev.nimbus.runtime.java.failure.ErrorReport;
import dev.nimbus.runtime.java.handler.Handler;
import dev.nimbus.runtime.java.handler.HandlerLoader;
import dev.nimbus.runtime.java.handler.LoadResult;
import dev.nimbus.runtime.java.runtimeapi.Invocation;
import dev.nimbus.runtime.java.runtimeapi.RuntimeApiClient;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Loads the handler, then serves invocations one at a time until the instance must exit:
 *
 * <pre>
 * load ── init failure ──▶ POST /init/error, exit 1
 *   │
 *   ▼
 * GET /next ──▶ handle ──▶ flush stdout/stderr ──▶ POST /response or /error ──┐
 *   ▲                                                                       │
 *   └──────────── unless: fatal error, Runtime API I/O failure or 5xx ──▶ exit 1
 * </pre>
 *
 * <p>Threading: {@link #run} occupies the calling thread for the life of the instance.
 */
public final class InstanceRuntime {
  static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

  private final RuntimeApiClient client;
  private final ContextFactory contexts;
  private final PrintStream log;

  /** {@code log} receives the runtime's own lines (error reports), normally stdout. */
  public InstanceRuntime(RuntimeApiClient client, ContextFactory contexts, PrintStream log) {
    this.client = client;
    this.contexts = contexts;
    this.log = log;
  }

  /** Runs the instance; returns only when it must exit, with the exit status (always 1). */
  public int run(String handler, ClassLoader functionLoader) {
    LoadResult loaded = HandlerLoader.load(handler, functionLoader);
    if (loaded instanceof LoadResult.InitFailure failure) {
      ErrorReport report = ErrorReport.ofFault(failure.fault());
      print(report.logText());
      try {
        client.postInitError(report.toJson(), report.runtimeErrorType());
      } catch (IOException e) {
        return exit("Could not report the init error to the Runtime API: " + e);
      }
      return 1;
    }
    return serve(((LoadResult.Ready) loaded).handler());
  }

  private int serve(Handler handler) {
    ResponseBuffer out = new ResponseBuffer();
    while (true) {
      Invocation invocation;
      try {
        invocation = client.next();
      } catch (IOException e) {
        return exit("Runtime API failed, exiting: " + e);
      }
      setTraceHeader(invocation.traceId());
      out.reset();
      ErrorReport failure = invoke(handler, invocation, out);
      System.out.flush();
      System.err.flush();
      int status;
      try {
        status = failure == null
            ? client.postResponse(invocation.requestId(), out.array(), out.size())
            : client.postError(invocation.requestId(), failure.toJson(),
                failure.runtimeErrorType());
      } catch (IOException e) {
        return exit("Runtime API failed, exiting: " + e);
      }
      if (failure != null && failure.fatal()) {
        return 1;
      }
      if (status >= 500) {
        return exit("Runtime API answered HTTP " + status + " for " + invocation.requestId()
            + ", exiting");
      }
      if (status >= 400) {
        print("Runtime API refused the result of " + invocation.requestId() + " with HTTP "
            + status + "\n");
      }
      if (out.oversized()) {
        out = new ResponseBuffer();
      }
      Thread.interrupted();
    }
  }

  /** Calls the handler; returns {@code null} on success or the classified failure. */
  private ErrorReport invoke(Handler handler, Invocation invocation, ResponseBuffer out) {
    try {
      Context context = contexts.create(invocation);
      handler.handle(invocation.payload(), context, out);
      return null;
    } catch (Throwable t) {
      ErrorReport report;
      try {
        report = ErrorReport.of(t);
      } catch (Throwable again) {
        report = ErrorReport.minimal(t);
      }
      print(report.logText());
      return report;
    }
  }

  private static void setTraceHeader(String traceId) {
    if (traceId == null) {
      System.clearProperty(TRACE_PROPERTY);
    } else {
      System.setProperty(TRACE_PROPERTY, traceId);
    }
  }

  private int exit(String reason) {
    print(reason + "\n");
    return 1;
  }

  private void print(String text) {
    log.print(text);
    log.flush();
  }
}
