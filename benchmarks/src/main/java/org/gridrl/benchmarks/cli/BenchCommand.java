package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.planning.ConvergenceReport;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.envs.tabular.GridWorld;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl bench}: wall-clock benchmarks of the kernels (soft value iteration, the MLP) and
 * of an iteration of MaxEnt IRL and of AIRL, of per-task PPO gradients with PCGrad and of GRU
 * backpropagation through time, printed as JSON lines (the JMH classes in
 * {@code org.gridrl.benchmarks.jmh} measure the same kernels under JMH).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Benchmarks of the kernels: softvi (soft value iteration), mlp (autodiff MLP),"
        + " maxent (one MaxEnt IRL iteration), airl (one AIRL iteration and its parts), pcgrad"
        + " (per-task PPO gradients + PCGrad vs the summed gradient), gru (GRU forward +"
        + " backpropagation through time), second-order (Hessian-vector product and MAML"
        + " meta-gradient); JSON lines on stdout.",
    subcommands = {BenchCommand.SoftVi.class, BenchMlpCommand.class, BenchMaxEntCommand.class,
        BenchAirlCommand.class, BenchPcGradCommand.class, BenchGruCommand.class,
        BenchSecondOrderCommand.class})
public final class BenchCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand; subcommands: softvi, mlp, maxent, airl, pcgrad, gru,"
        + " second-order");
  }

  /** Runs {@code bench ARGS} on its own (before the command is registered in the launcher). */
  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setParameterExceptionHandler((ex, a) -> {
      System.err.println("gridrl: " + ex.getMessage());
      return 2;
    });
    System.exit(cmd.execute(args));
  }

  /**
   * {@code gridrl bench softvi}: soft value iteration (τ = 1, tolerance 1e-10) on issue 4's
   * world, the open N×N grid with 5 actions, slip 0.3, γ = 0.9 and a sparse seeded state reward
   * ({@link GridWorld#open}, {@link GridWorld#sparseRandomReward} with density 0.01), or on an
   * MDP file. After a JIT warm-up every configuration (kernel × solver × threads) is timed
   * {@code --repeat} times, interleaved round by round so that load on the machine hits all
   * alike, and the best time is printed:
   * {"kernel":..,"solver":..,"states":..,"threads":..,"sweeps":..,"sweep_us":..,
   * "solve_ms":..,"v0":..}
   * with sweep_us = solve_ms / sweeps. With {@code --yardstick PATH} the MDP is written in the
   * text format and the C yardstick binary is timed on it in the same rounds, then ratio lines
   * follow: {"ratio":"sweep"|"solve"|"threads",...,"value":..}.
   */
  @Command(name = "softvi", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {"Time soft value iteration kernels (csr, grid), solvers (jacobi, fast ="
          + " Anderson) and thread counts on the open NxN benchmark grid or an MDP file.",
          "Prints one JSON line per configuration; with --yardstick also the C yardstick's"
              + " line and ratio lines."})
  public static final class SoftVi implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "N",
        description = "Side of the open NxN grid (default 128).")
    Integer size;

    @Option(names = "--mdp", paramLabel = "FILE", description = "An MDP in the text format.")
    Path mdpFile;

    @Option(names = "--threads", paramLabel = "K", split = ",",
        description = "Thread counts, comma separated (default 1); a count above the number of"
            + " cores is timed at that number instead, with a note.")
    List<Integer> threads = new ArrayList<>(List.of(1));

    @Option(names = "--kernel", paramLabel = "csr|grid", split = ",",
        description = "Kernels, comma separated (default: csr,grid; only grid above N = 1024).")
    List<String> kernels;

    @Option(names = "--solver", paramLabel = "jacobi|fast", split = ",",
        description = "Solvers, comma separated (default jacobi): jacobi sweeps or fast"
            + " (Anderson-accelerated sweeps).")
    List<String> solvers = new ArrayList<>(List.of("jacobi"));

    @Option(names = "--repeat", paramLabel = "R", description = "Timed solves per"
        + " configuration, best taken (default 5).")
    int repeat = 5;

    @Option(names = "--warmup-ms", paramLabel = "MS", description = "JIT warm-up time per"
        + " configuration, at least one solve (default 1500).")
    long warmupMs = 1500;

    @Option(names = "--seed", paramLabel = "N",
        description = "Seed of the NxN grid's sparse reward (default 1; not with --mdp).")
    Long seed;

    @Option(names = "--yardstick", paramLabel = "PATH", description = "The compiled C"
        + " yardstick (softvi_limit): time it on the same MDP file and print ratios.")
    Path yardstick;

    @Option(names = "--write-mdp", paramLabel = "FILE",
        description = "Write the benchmark MDP to FILE (text format).")
    Path writeMdp;

    private ParameterException bad(String message) {
      return new ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (size != null && mdpFile != null) {
        throw bad("--size and --mdp exclude each other");
      }
      final int n = size == null ? 128 : size;
      if (mdpFile == null && !(n >= 2 && n <= 20_000)) {
        throw bad("--size must be in [2, 20000], got " + n);
      }
      if (mdpFile != null && seed != null) {
        throw bad("--seed applies to the NxN benchmark grid only (an --mdp file has its own"
            + " rewards)");
      }
      for (int t : threads) {
        if (t < 1 || t > 256) {
          throw bad("--threads must be in [1, 256], got " + t);
        }
      }
      // more threads than cores only wait for each other: time the core count instead, once
      int cores = Runtime.getRuntime().availableProcessors();
      List<Integer> threadCounts = new ArrayList<>();
      for (int t : threads) {
        String note = SolverOptions.threadsNote(t, cores, "--threads");
        if (note != null) {
          spec.commandLine().getErr().println(note);
          spec.commandLine().getErr().flush();
        }
        int k = Math.min(t, cores);
        if (!threadCounts.contains(k)) {
          threadCounts.add(k);
        }
      }
      if (repeat < 1) {
        throw bad("--repeat must be >= 1, got " + repeat);
      }
      if (warmupMs < 0) {
        throw bad("--warmup-ms must be >= 0, got " + warmupMs);
      }
      List<SoftViMethod> methods = new ArrayList<>();
      for (String s : solvers) {
        switch (s) {
          case "jacobi" -> methods.add(SoftViMethod.JACOBI);
          case "fast" -> methods.add(SoftViMethod.ANDERSON);
          default -> throw bad("--solver must be jacobi or fast, got '" + s + "'");
        }
      }
      List<String> kernelNames = kernels != null ? kernels
          : mdpFile == null && n > 1024 ? List.of("grid") : List.of("csr", "grid");
      for (String k : kernelNames) {
        if (!k.equals("csr") && !k.equals("grid")) {
          throw bad("--kernel must be csr or grid, got '" + k + "'");
        }
      }
      if (yardstick != null && !Files.isExecutable(yardstick)) {
        throw bad("--yardstick: not an executable file: " + yardstick);
      }
      if (mdpFile != null && !Files.isRegularFile(mdpFile)) {
        throw bad("--mdp: no such file: " + mdpFile);
      }
      boolean csr = kernelNames.contains("csr") || yardstick != null || writeMdp != null;
      if (mdpFile == null) {
        HeapCheck.require("--size " + n + " (the open " + n + "x" + n + " grid, " + (long) n * n
            + " states" + (csr ? ", with the CSR kernel's MDP" : "") + ")",
            HeapCheck.openGrid(n, 5, csr));
      }

      // the world: CSR only when needed (it costs ~25 transitions per state)
      TabularMdp mdp = null;
      UniformSlipDynamics dynamics;
      if (mdpFile != null) {
        mdp = InputFiles.mdp("--mdp", mdpFile);
        dynamics = UniformSlipDynamics.detect(mdp);
        if (dynamics == null && kernelNames.contains("grid")) {
          throw bad("--kernel grid needs uniform-slip dynamics, and " + mdpFile + " is not of"
              + " that kind: time --kernel csr");
        }
      } else {
        GridWorld world = GridWorld.open(n, 0.3,
            GridWorld.sparseRandomReward(n, 0.01, seed == null ? 1 : seed), 0.9);
        dynamics = world.dynamics();
        if (csr) {
          mdp = world.mdp();
        }
      }
      final int numStates = mdp != null ? mdp.numStates() : dynamics.numStates();
      Path file = mdpFile;
      if (writeMdp != null) {
        MdpFormat.write(mdp, writeMdp);
        file = writeMdp;
      }
      Path temp = null;
      if (yardstick != null && file == null) {
        temp = Files.createTempFile("gridrl-softvi-", ".mdp");
        MdpFormat.write(mdp, temp);
        file = temp;
      }

      PrintWriter out = spec.commandLine().getOut();
      List<Config> configs = new ArrayList<>();
      for (String k : kernelNames) {
        for (SoftViMethod m : methods) {
          for (int t : threadCounts) {
            configs.add(new Config(k, m, t));
          }
        }
      }
      Map<Config, SoftValueIteration.Parallel> pools = new LinkedHashMap<>();
      double[] v = new double[numStates];
      Result cBest = null;
      try {
        for (Config c : configs) {
          pools.put(c, SoftValueIteration.onThreads(c.threads));
          long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMs);
          for (int i = 0; i < 3 && (i == 0 || System.nanoTime() < end); i++) {
            c.time(pools.get(c), mdp, dynamics, v);
          }
        }
        for (int round = 0; round < repeat; round++) {
          for (Config c : configs) {
            c.time(pools.get(c), mdp, dynamics, v);
          }
          if (yardstick != null) {
            Result r = runYardstick(yardstick, file);
            if (cBest == null || r.solveMs < cBest.solveMs) {
              cBest = r;
            }
          }
        }
      } finally {
        for (SoftValueIteration.Parallel s : pools.values()) {
          s.close();
        }
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      }
      for (Config c : configs) {
        out.println(json(c.kernel, c.solverName(), numStates, c.threads, c.best));
      }
      if (cBest != null) {
        out.println(json("c-yardstick", "jacobi", numStates, 1, cBest));
        for (Config c : configs) {
          double sweep = c.best.sweepUs() / cBest.sweepUs();
          out.println(ratio("sweep", c, sweep));
          if (c.method == SoftViMethod.ANDERSON) {
            out.println(ratio("solve", c, c.best.solveMs / cBest.solveMs));
          }
        }
      }
      for (Config c : configs) {
        if (c.threads == 1) {
          continue;
        }
        for (Config one : configs) {
          if (one.threads == 1 && one.kernel.equals(c.kernel) && one.method == c.method) {
            out.println(ratio("threads", c, one.best.solveMs / c.best.solveMs));
          }
        }
      }
      out.flush();
      return 0;
    }

    private static String json(String kernel, String solver, int states, int threads,
        Result r) {
      return String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"solver\":\"%s\",\"states\":%d,"
          + "\"threads\":%d,\"sweeps\":%d,\"sweep_us\":%.1f,\"solve_ms\":%.2f,\"v0\":%.12f}",
          kernel, solver, states, threads, r.sweeps, r.sweepUs(), r.solveMs, r.v0);
    }

    private static String ratio(String what, Config c, double value) {
      String meaning = switch (what) {
        case "sweep" -> "java sweep_us / C sweep_us";
        case "solve" -> "java solve_ms / C solve_ms";
        default -> "1-thread solve_ms / this solve_ms";
      };
      return String.format(Locale.ROOT, "{\"ratio\":\"%s\",\"kernel\":\"%s\",\"solver\":\"%s\","
          + "\"threads\":%d,\"value\":%.3f,\"meaning\":\"%s\"}", what, c.kernel, c.solverName(),
          c.threads, value, meaning);
    }

    private static final Pattern FIELD =
        Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?[0-9.eE+-]+|nan|-?inf)");

    /** Runs the yardstick on the file and parses its one JSON line. */
    private Result runYardstick(Path binary, Path file) throws IOException,
        InterruptedException {
      Process p = new ProcessBuilder(binary.toString(), file.toString())
          .redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      Map<String, Double> f = new LinkedHashMap<>();
      Matcher m = FIELD.matcher(text);
      while (m.find()) {
        try {
          f.put(m.group(1), Double.parseDouble(m.group(2)));
        } catch (NumberFormatException e) {
          f.put(m.group(1), Double.NaN);
        }
      }
      if (code != 0 || !f.containsKey("iters") || !f.containsKey("seconds")) {
        throw bad("--yardstick: " + binary + " failed (exit " + code + "): "
            + text.strip().replace('\n', ' '));
      }
      return new Result(f.get("iters").intValue(), f.get("seconds") * 1e3,
          f.getOrDefault("V0", Double.NaN));
    }
  }

  /** Best-of-R timing of one configuration. */
  private static final class Config {
    final String kernel;
    final SoftViMethod method;
    final int threads;
    Result best;

    Config(String kernel, SoftViMethod method, int threads) {
      this.kernel = kernel;
      this.method = method;
      this.threads = threads;
      this.config = SoftViConfig.defaults().with(b -> b.method(method)
          .kernel(kernel.equals("csr") ? SoftViKernel.CSR : SoftViKernel.GRID));
    }

    String solverName() {
      return method == SoftViMethod.ANDERSON ? "fast" : "jacobi";
    }

    final SoftViConfig config;

    void time(SoftValueIteration.Parallel solver, TabularMdp mdp, UniformSlipDynamics d,
        double[] v) {
      SoftViConfig c = config;
      long t0 = System.nanoTime();
      ConvergenceReport r = kernel.equals("csr") ? solver.solveValues(mdp, c, v)
          : solver.solveValues(d, c, v);
      double ms = (System.nanoTime() - t0) * 1e-6;
      if (best == null || ms < best.solveMs) {
        best = new Result(r.iterations(), ms, v[0]);
      }
    }
  }

  private record Result(int sweeps, double solveMs, double v0) {
    double sweepUs() {
      return solveMs * 1e3 / sweeps;
    }
  }
}
