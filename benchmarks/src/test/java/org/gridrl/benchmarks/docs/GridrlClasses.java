package org.gridrl.benchmarks.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * gridrl's top-level classes by simple name, read from the modules' {@code src/main/java}
 * trees (the spark module is not on the benchmarks' classpath, so its names never resolve).
 */
final class GridrlClasses {

  private final Map<String, List<String>> bySimpleName = new TreeMap<>();

  GridrlClasses(Path root) {
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.sorted().toList()) {
        Path src = module.resolve("src/main/java");
        if (!Files.isDirectory(src)) {
          continue;
        }
        try (Stream<Path> walk = Files.walk(src)) {
          walk.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getFileName().toString().equals("package-info.java"))
              .forEach(p -> {
                String fqcn = src.relativize(p).toString().replace('/', '.')
                    .replaceAll("\\.java$", "");
                String simple = p.getFileName().toString().replaceAll("\\.java$", "");
                bySimpleName.computeIfAbsent(simple, k -> new ArrayList<>()).add(fqcn);
              });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The class a name in the docs means: a fully qualified name that loads, or the simple name
   * of exactly one gridrl class that loads.
   */
  Optional<Class<?>> resolve(String name) {
    if (name.contains(".")) {
      return load(name);
    }
    List<String> candidates = bySimpleName.getOrDefault(name, List.of());
    return candidates.size() == 1 ? load(candidates.get(0)) : Optional.empty();
  }

  /** Whether gridrl has a top-level class of this simple name (loadable or not). */
  boolean isGridrlName(String simpleName) {
    return bySimpleName.containsKey(simpleName);
  }

  private static Optional<Class<?>> load(String fqcn) {
    try {
      return Optional.of(Class.forName(fqcn, false, GridrlClasses.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }
}
