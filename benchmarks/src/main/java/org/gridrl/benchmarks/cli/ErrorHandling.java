package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.gridrl.benchmarks.runner.ExperimentFailedException;
import org.gridrl.core.util.MemoryBudget;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How {@code gridrl} reports failures: one line on stderr starting {@code gridrl: }, never a
 * stack trace (unless the environment variable {@code GRIDRL_DEBUG=1}, which adds the trace
 * after the line).
 *
 * <ul>
 *   <li>exit 2: a bad option (picocli's parse errors, {@link UsageException} and any other
 *       {@link IllegalArgumentException}, which includes the file-and-line errors of the map,
 *       MDP, CSV and config readers and the heap checks of sizes that cannot fit) or a file that
 *       cannot be read or written ({@link IOException});
 *   <li>exit 1: a solver that diverged ({@link ArithmeticException}, naming the state), an
 *       experiment that failed ({@link ExperimentFailedException}, the partial results
 *       stay), the Java heap running out ({@link OutOfMemoryError}: how to give Java more) or
 *       an unexpected error (with a hint to set {@code GRIDRL_DEBUG=1}, unless it is set).
 * </ul>
 */
public final class ErrorHandling {

  /** Exit code of a bad option or file. */
  public static final int USAGE = 2;
  /** Exit code of a failed run or an unexpected error. */
  public static final int FAILURE = 1;

  private ErrorHandling() {
  }

  /** The handler of picocli's parse errors: one line, exit 2. */
  public static IParameterExceptionHandler parameterHandler(PrintStream err) {
    return (ParameterException ex, String[] args) -> {
      CommandLine cmd = ex.getCommandLine();
      String where = commandPath(cmd);
      String msg = ex.getMessage() == null ? "" : ex.getMessage().replaceFirst("^Error: ", "");
      if (ex instanceof UnmatchedArgumentException u && cmd.getParent() == null
          && !cmd.getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()
          && !u.getUnmatched().get(0).startsWith("-")) {
        msg = "unknown command '" + u.getUnmatched().get(0) + "'; commands: "
            + String.join(", ", cmd.getSubcommands().keySet());
      }
      err.println("gridrl: " + oneLine(msg) + " (see '" + where + " --help')");
      err.flush();
      debugTrace(ex, err);
      return USAGE;
    };
  }

  /** The handler of exceptions thrown while a command runs. */
  public static IExecutionExceptionHandler executionHandler(PrintStream err) {
    return (Exception ex, CommandLine cmd, ParseResult parsed) -> handle(ex, err);
  }

  /**
   * Reports {@code ex} (an exception or an error that escaped the command line, such as an
   * {@link OutOfMemoryError}) as one line, with its stack trace after it when
   * {@code GRIDRL_DEBUG=1}, and returns the exit code.
   */
  public static int handle(Throwable ex, PrintStream err) {
    return handle(ex, err, debug());
  }

  /** {@link #handle(Throwable, PrintStream)} with the debug setting given. */
  static int handle(Throwable ex, PrintStream err, boolean debug) {
    int code = report(ex, err, debug);
    if (debug) {
      ex.printStackTrace(err);
      err.flush();
    }
    return code;
  }

  /** Prints the one-line report of {@code ex} and returns its exit code. */
  static int report(Throwable ex, PrintStream err, boolean debug) {
    int code;
    String msg;
    if (ex instanceof ExperimentFailedException) {
      code = FAILURE;
      msg = ex.getMessage() + (outOfMemory(ex) ? "; " + MemoryBudget.exhausted() : "");
    } else if (ex instanceof OutOfMemoryError) {
      code = FAILURE;
      msg = "out of memory: the Java heap is full; " + MemoryBudget.exhausted();
    } else if (ex instanceof ArithmeticException) { // a solver diverged: names state and sweep
      code = FAILURE;
      msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    } else if (ex instanceof IllegalArgumentException) {
      code = USAGE;
      msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    } else if (ex instanceof IOException io) {
      code = USAGE;
      msg = describe(io);
    } else if (ex instanceof UncheckedIOException uio) {
      code = USAGE;
      String own = uio.getMessage();
      msg = own != null && !own.contains("Exception") ? own : describe(uio.getCause());
    } else {
      code = FAILURE;
      msg = "unexpected " + ex.getClass().getSimpleName()
          + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
          + (debug ? "" : " (set GRIDRL_DEBUG=1 to see the stack trace)");
    }
    err.println("gridrl: " + oneLine(msg));
    err.flush();
    return code;
  }

  /** A one-line description of a file error that names the file. */
  public static String describe(IOException io) {
    if (io instanceof NoSuchFileException f) {
      return "no such file or directory: " + f.getFile();
    }
    if (io instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (io instanceof NotDirectoryException f) {
      return "not a directory: " + f.getFile();
    }
    if (io instanceof FileAlreadyExistsException f) {
      return "not a directory (a file of that name exists): " + f.getFile();
    }
    if (io instanceof DirectoryNotEmptyException f) {
      return "directory not empty: " + f.getFile();
    }
    if (io instanceof FileSystemException f) {
      return (f.getReason() == null ? "cannot access" : f.getReason()) + ": " + f.getFile();
    }
    return io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
  }

  private static String commandPath(CommandLine cmd) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine c = cmd; c != null; c = c.getParent()) {
      sb.insert(0, sb.length() == 0 ? c.getCommandName() : c.getCommandName() + " ");
    }
    return sb.toString();
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
  }

  private static void debugTrace(Throwable ex, PrintStream err) {
    if (debug()) {
      ex.printStackTrace(err);
    }
  }

  /** Whether {@code GRIDRL_DEBUG=1}: stack traces after the one-line reports. */
  static boolean debug() {
    return "1".equals(System.getenv("GRIDRL_DEBUG"));
  }

  /** Whether {@code ex} or one of its causes is an {@link OutOfMemoryError}. */
  private static boolean outOfMemory(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }
}
