package org.gridrl.benchmarks.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One fenced code block of a Markdown page: its info string ({@code java fragment} for
 * <code>```java fragment</code>), its body, where it starts, the prose between the previous
 * block (or the page's start) and this one, and the paragraph right after it.
 *
 * @param file the page, relative to the repository root (for messages)
 * @param line the 1-based line of the opening fence
 * @param info the info string after the backticks, trimmed ("" for a bare fence)
 * @param body the lines between the fences, each ending in a newline
 * @param before the prose since the previous block's closing fence
 * @param after the paragraph after the closing fence (up to the next blank line), "" if none
 * @param next the block that follows {@code after}, when nothing but that paragraph is between
 */
record DocBlock(String file, int line, String info, String body, String before, String after,
    DocBlock next) {

  /** {@code file:line}, the block's place in messages and test names. */
  String where() {
    return file + ":" + line;
  }

  /** The first word of the info string: the language ("" for a bare fence). */
  String language() {
    String[] words = info.split("\\s+");
    return words[0];
  }

  /** The info string's words after the language. */
  List<String> modifiers() {
    String[] words = info.trim().split("\\s+");
    return words.length <= 1 ? List.of() : List.of(words).subList(1, words.length);
  }

  /** README.md and every page under docs/, sorted, relative to {@code root}. */
  static List<Path> pages(Path root) {
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> walk = Files.walk(root.resolve("docs"))) {
      walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** The fenced blocks of one page, in order. */
  static List<DocBlock> read(Path root, Path page) {
    List<String> lines;
    try {
      lines = Files.readAllLines(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = root.relativize(page).toString();
    // pass 1: the fences' positions; pass 2 (backwards): link each block to the next one
    List<int[]> spans = new ArrayList<>();   // {open, close} line indices
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("```")) {
        int close = i + 1;
        while (close < lines.size() && !lines.get(close).trim().equals("```")) {
          close++;
        }
        if (close == lines.size()) {
          throw new IllegalStateException(name + ":" + (i + 1) + ": a fence that never closes");
        }
        spans.add(new int[] {i, close});
        i = close;
      }
    }
    DocBlock[] blocks = new DocBlock[spans.size()];
    for (int k = spans.size() - 1; k >= 0; k--) {
      int open = spans.get(k)[0];
      int close = spans.get(k)[1];
      int prevClose = k == 0 ? -1 : spans.get(k - 1)[1];
      int nextOpen = k + 1 < spans.size() ? spans.get(k + 1)[0] : lines.size();
      StringBuilder body = new StringBuilder();
      for (int i = open + 1; i < close; i++) {
        body.append(lines.get(i)).append('\n');
      }
      String before = String.join("\n", lines.subList(prevClose + 1, open));
      // the paragraph after: skip blank lines, then up to the next blank line or fence
      int i = close + 1;
      while (i < nextOpen && lines.get(i).isBlank()) {
        i++;
      }
      int start = i;
      while (i < nextOpen && !lines.get(i).isBlank()) {
        i++;
      }
      String after = String.join("\n", lines.subList(start, i));
      while (i < nextOpen && lines.get(i).isBlank()) {
        i++;
      }
      DocBlock next = i == nextOpen && k + 1 < spans.size() ? blocks[k + 1] : null;
      blocks[k] = new DocBlock(name, open + 1, lines.get(open).substring(3).trim(),
          body.toString(), before, after, next);
    }
    return List.of(blocks);
  }
}
