package org.gridrl.benchmarks.runner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file whole or not at all: the content goes to {@code NAME.tmp} in the same folder,
 * which is then renamed over {@code NAME} in one atomic step. A process killed mid-write (even by
 * {@code kill -9}) leaves the old {@code NAME} (or none) and at most a stale {@code NAME.tmp},
 * never a truncated {@code NAME}. A directory is never replaced or deleted: a target that is a
 * directory is refused before anything is written.
 *
 * <p>Every error is an {@link IOException} whose message is one line naming the target (not the
 * temporary file) and the reason, e.g. {@code cannot write /proc/x.png: permission denied}.
 */
public final class AtomicFiles {

  /** What writes the content. */
  @FunctionalInterface
  public interface Body<T> {
    /** Writes the content into {@code out}. */
    void write(T out) throws IOException;
  }

  private AtomicFiles() {
  }

  /**
   * Checks that {@code target} could be written: it is not a directory and its folder, if it
   * exists, is a folder. Commands call this before they compute, so a bad {@code --out} fails
   * at once.
   *
   * @throws IOException naming the target and the problem
   */
  public static void checkTarget(Path target) throws IOException {
    if (Files.isDirectory(target)) {
      throw new IOException("cannot write " + target + ": it is a directory");
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
      throw new IOException("cannot write " + target + ": " + parent + " is not a directory");
    }
  }

  /**
   * Writes {@code target} through a temporary file and an atomic rename; the parent folders are
   * created if missing.
   *
   * @param target the file. Replaced if it exists.
   * @param body writes the bytes
   * @throws IOException naming {@code target} if it cannot be written (the old file then stays)
   */
  public static void write(Path target, Body<OutputStream> body) throws IOException {
    checkTarget(target);
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException ex) {
        throw failure(target, ex);
      }
    }
    Path tmp = temporary(target);
    boolean moved = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        body.write(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } catch (IOException ex) {
      throw failure(target, ex);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the failure being reported is the one that matters
        }
      }
    }
  }

  /** Like {@link #write(Path, Body)}, for UTF-8 text through a buffered writer. */
  public static void writeText(Path target, Body<Writer> body) throws IOException {
    write(target, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      body.write(w);
      w.flush();
    });
  }

  /** The temporary file {@code NAME.tmp} beside {@code target}. */
  public static Path temporary(Path target) {
    return target.resolveSibling(target.getFileName() + ".tmp");
  }

  /** An exception naming {@code target} and the reason {@code cause} gives, in one line. */
  static IOException failure(Path target, IOException cause) {
    String reason;
    if (cause instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (cause instanceof NoSuchFileException) {
      Path parent = target.toAbsolutePath().getParent();
      reason = parent != null && Files.isDirectory(parent)
          ? "cannot create a file in " + parent + " (no such file or directory)"
          : "no such file or directory";
    } else if (cause instanceof FileSystemException f && f.getReason() != null) {
      reason = f.getReason();
    } else if (cause.getMessage() != null && cause.getMessage().startsWith("cannot write ")) {
      return cause;
    } else {
      reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
    return new IOException("cannot write " + target + ": " + reason.replace('\n', ' '), cause);
  }
}
