package org.gridrl.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.benchmarks.sweep.RunResult;
import org.gridrl.benchmarks.sweep.RunSpec;
import org.gridrl.benchmarks.sweep.SweepRun;
import org.gridrl.benchmarks.sweep.SweepRunner;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A {@link SweepRunner} on Apache Spark: the specs become an RDD with one partition per run; each
 * task runs its spec through {@link SweepRun#execute} (the runner of {@code gridrl run}) into a
 * temporary folder on its executor and returns the result with the folder's files; the driver
 * writes each run's files into {@code outDir/run-NNN} as its task finishes (so {@code --resume}
 * keeps every run that finished before a stop) and returns the results in spec order. Records
 * travel by Java serialisation (Kryo refuses records). Since each run is pure in its spec, the
 * files are those of {@link org.gridrl.benchmarks.sweep.LocalSweepRunner}.
 */
public final class SparkSweepRunner implements SweepRunner {

  /** Where a worker finds the experiments: the standard ones unless a test says otherwise. */
  public interface RegistrySource extends Serializable {
    /** The registry holding the sweep's experiment. */
    Registry registry();
  }

  /** The standard experiments ({@link Experiments#registry()}). */
  public static final RegistrySource STANDARD = Experiments::registry;

  /**
   * One file of a run's folder.
   *
   * @param path its path inside the folder, '/'-separated
   * @param bytes its contents
   */
  public record RunFile(String path, byte[] bytes) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * What a task sends back: the run's result and its folder's files.
   *
   * @param result the result
   * @param files the folder's files
   */
  public record RunOutput(RunResult result, List<RunFile> files) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final JavaSparkContext spark;
  private final RegistrySource registry;

  /** A runner on {@code spark} over the standard experiments. */
  public SparkSweepRunner(JavaSparkContext spark) {
    this(spark, STANDARD);
  }

  /** A runner on {@code spark} over the experiments of {@code registry}. */
  public SparkSweepRunner(JavaSparkContext spark, RegistrySource registry) {
    this.spark = spark;
    this.registry = registry;
  }

  /**
   * The settings this module runs Spark with, over {@code conf}'s own: Java serialisation, logs at
   * WARN, and in local mode the driver on 127.0.0.1 (bind address and host) with the UI off.
   */
  public static SparkConf configure(SparkConf conf) {
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.app.name", "gridrl sweep");
    conf.set("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
    conf.setIfMissing("spark.log.level", "WARN");
    if (conf.get("spark.master").startsWith("local")) {
      conf.set("spark.driver.bindAddress", "127.0.0.1");
      conf.set("spark.driver.host", "127.0.0.1");
      conf.set("spark.ui.enabled", "false");
    }
    return conf;
  }

  @Override
  public List<RunResult> run(List<RunSpec> specs, Path outDir, Consumer<RunResult> done)
      throws IOException {
    if (specs.isEmpty()) {
      return List.of();
    }
    JavaRDD<RunSpec> rdd = spark.parallelize(specs, specs.size()); // one partition per run
    RunResult[] results = new RunResult[specs.size()];
    IOException[] failure = new IOException[1];
    spark.sc().runJob(rdd.rdd(), new Execute(registry), new Gather(specs, outDir, results,
        failure, done), ClassTag$.MODULE$.apply(RunOutput.class));
    if (failure[0] != null) {
      throw failure[0];
    }
    return List.of(results);
  }

  /** On an executor: runs a partition's one spec into a temporary folder and packs its files. */
  private static final class Execute extends AbstractFunction1<Iterator<RunSpec>, RunOutput>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final RegistrySource registry;

    Execute(RegistrySource registry) {
      this.registry = registry;
    }

    @Override
    public RunOutput apply(Iterator<RunSpec> partition) {
      RunSpec spec = partition.next();
      try {
        Path dir = Files.createTempDirectory("gridrl-" + spec.folder() + "-");
        try {
          RunResult result = SweepRun.execute(spec, registry.registry(), dir);
          return new RunOutput(result, pack(dir));
        } finally {
          delete(dir);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** On the driver: writes each run's files as its task finishes, in whatever order they come. */
  private static final class Gather extends AbstractFunction2<Object, RunOutput, BoxedUnit> {
    private final List<RunSpec> specs;
    private final Path outDir;
    private final RunResult[] results;
    private final IOException[] failure;
    private final Consumer<RunResult> done;

    Gather(List<RunSpec> specs, Path outDir, RunResult[] results, IOException[] failure,
        Consumer<RunResult> done) {
      this.specs = specs;
      this.outDir = outDir;
      this.results = results;
      this.failure = failure;
      this.done = done;
    }

    @Override
    public BoxedUnit apply(Object partition, RunOutput output) {
      int p = (Integer) partition;
      try {
        Path dir = outDir.resolve(specs.get(p).folder());
        for (RunFile f : output.files()) {
          Path target = dir.resolve(f.path());
          Files.createDirectories(target.getParent());
          AtomicFiles.write(target, out -> out.write(f.bytes()));
        }
      } catch (IOException e) {
        synchronized (failure) {
          failure[0] = failure[0] == null ? e : failure[0];
        }
      }
      results[p] = output.result();
      done.accept(output.result());
      return BoxedUnit.UNIT;
    }
  }

  /** Every file under {@code dir}, in path order. */
  static List<RunFile> pack(Path dir) throws IOException {
    List<RunFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (!rel.endsWith(".tmp")) {
          files.add(new RunFile(rel, Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
