package org.gridrl.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentence that documents each component of a config record, read at run time from the
 * record's javadoc {@code @param} tags, so the javadoc stays the one place a field is explained.
 *
 * <p>Javadoc is gone from class files, so the build copies the main Java sources of every module
 * into the jar as resources under {@value #ROOT} (benchmarks/pom.xml); a record
 * {@code a.b.Outer.Inner} is read from {@code sources/a/b/Outer.java}. The doc comment is the last
 * {@code /** ... *\/} before the {@code record Inner(} declaration with only annotations and
 * modifiers between; each {@code @param name text} runs to the next block tag. The text is shown
 * as plain words: {@code {@code x}} and {@code {@link A#b}} become {@code x} and {@code A.b}
 * (a {@code {@link}}'s label when it has one), HTML tags go and {@code &lt;}, {@code &gt;},
 * {@code &amp;} become the characters, and white space collapses to single spaces.
 */
public final class ConfigDocs {

  /** The resource folder holding the copied sources. */
  public static final String ROOT = "sources";

  private static final Map<Class<?>, Map<String, String>> CACHE = new ConcurrentHashMap<>();
  private static final Pattern PARAM = Pattern.compile("^@param\\s+(\\w+)\\s*(.*)$",
      Pattern.DOTALL);
  private static final Pattern INLINE = Pattern.compile("\\{@(code|literal|link|linkplain)"
      + "\\s+((?:[^{}]|\\{[^{}]*\\})*)\\}");

  private ConfigDocs() {
  }

  /**
   * The documented sentence of every component of {@code record}, by component name, in the
   * order of its {@code @param} tags; a component without a tag is absent.
   *
   * @param record a record class whose source was packaged (see the class comment)
   * @return the sentences; empty when the source or its doc comment is not found
   */
  public static Map<String, String> params(Class<?> record) {
    return CACHE.computeIfAbsent(record, ConfigDocs::read);
  }

  private static Map<String, String> read(Class<?> record) {
    Class<?> top = record;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    String resource = ROOT + "/" + top.getName().replace('.', '/') + ".java";
    String source;
    try (InputStream in = ConfigDocs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Map.of();
      }
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    String comment = docComment(source, record.getSimpleName());
    return comment == null ? Map.of() : paramTags(comment);
  }

  /** The text of the doc comment before {@code record NAME(} or {@code record NAME<}, or null. */
  static String docComment(String source, String name) {
    Matcher decl = Pattern.compile("\\brecord\\s+" + Pattern.quote(name) + "\\s*[(<]")
        .matcher(source);
    while (decl.find()) { // the first declaration with a doc comment right before it
      String comment = commentBefore(source, decl.start());
      if (comment != null) {
        return comment;
      }
    }
    return null;
  }

  /** The doc comment that ends right before {@code at} (annotations, modifiers aside), or null. */
  private static String commentBefore(String source, int at) {
    int end = source.lastIndexOf("*/", at);
    int start = end < 0 ? -1 : source.lastIndexOf("/**", end);
    if (start < 0) {
      return null;
    }
    String between = source.substring(end + 2, at)
        .replaceAll("@[\\w.]+(\\([^)]*\\))?", "")
        .replaceAll("\\b(public|protected|private|static|final|sealed|strictfp)\\b", "");
    if (!between.isBlank()) {
      return null; // the comment belongs to something else
    }
    StringBuilder b = new StringBuilder();
    for (String line : source.substring(start + 3, end).split("\n")) {
      b.append(line.replaceFirst("^\\s*\\*( |$)?", "")).append('\n');
    }
    return b.toString();
  }

  /** The {@code @param} tags of a doc comment's text, as plain sentences by name. */
  static Map<String, String> paramTags(String comment) {
    Map<String, String> out = new LinkedHashMap<>();
    StringBuilder tag = null;
    for (String line : (comment + "\n@end").split("\n")) {
      if (line.strip().startsWith("@")) {
        if (tag != null) {
          Matcher m = PARAM.matcher(tag.toString().strip());
          if (m.matches()) {
            out.put(m.group(1), plain(m.group(2)));
          }
        }
        tag = new StringBuilder(line.strip());
      } else if (tag != null) {
        tag.append(' ').append(line.strip());
      }
    }
    return out;
  }

  /** Javadoc text as plain words (see the class comment). */
  public static String plain(String javadoc) {
    Matcher m = INLINE.matcher(javadoc);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String body = m.group(2).strip();
      String shown;
      if (m.group(1).startsWith("link")) {
        int space = body.indexOf(' ');
        shown = space >= 0 && !body.substring(0, space).contains("(")
            ? body.substring(space + 1).strip() : linkTarget(body);
      } else {
        shown = body;
      }
      m.appendReplacement(b, Matcher.quoteReplacement(shown));
    }
    m.appendTail(b);
    return b.toString().replaceAll("</?[a-zA-Z][^>]*>", "").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
  }

  /** {@code a.b.C#m(int)} shown as {@code C.m}; {@code #f} as {@code f}. */
  private static String linkTarget(String target) {
    String t = target.replaceAll("\\(.*", "");
    int hash = t.indexOf('#');
    String type = hash < 0 ? t : t.substring(0, hash);
    type = type.substring(type.lastIndexOf('.') + 1);
    String member = hash < 0 ? "" : t.substring(hash + 1);
    return type.isEmpty() ? member : member.isEmpty() ? type : type + "." + member;
  }
}
