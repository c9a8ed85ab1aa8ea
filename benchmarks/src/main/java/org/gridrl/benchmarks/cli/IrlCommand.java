package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.util.Numbers;
import org.gridrl.irl.DeepMaxEntIrl;
import org.gridrl.irl.DeepMaxEntIrlConfig;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.IrlResult;
import org.gridrl.irl.MaxEntIrl;
import org.gridrl.irl.MaxEntIrlConfig;
import org.gridrl.irl.MaxEntObjective;
import org.gridrl.irl.MaxMarginConfig;
import org.gridrl.irl.MaxMarginIrl;
import org.gridrl.irl.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridrl irl maxent|deep-maxent|max-margin --mdp FILE --features CSV --demos CSV
 * [--horizon H] [--l2 λ] [--start init|empirical] [--temperature τ] [--out DIR]}: inverse RL on
 * a user's MDP.
 *
 * <p>The options map onto the method's config record ({@code MaxEntIrlConfig},
 * {@code DeepMaxEntIrlConfig} or {@code MaxMarginConfig}, the MaxEnt ones with a nested
 * {@code SoftViConfig planning}), each built once from the record's defaults; the records check
 * the values, and {@link #build} reports a refused field as the option that set it.
 *
 * <p>Everything is read and checked before anything is written: the MDP (text format), the
 * features ({@code state,f0,f1,...}, a row for every state), the demonstrations
 * ({@code trajectory,step,state,action}, states and actions of the MDP, steps below the horizon);
 * a bad file is one line naming the file and line, exit code 2, and no output file. Then the
 * method runs and writes {@code weights.csv} ({@code feature,weight}), {@code reward.csv}
 * ({@code state,reward}) and {@code policy.csv} ({@code state,action,probability}: MaxEnt's
 * and deep MaxEnt's soft-optimal π_0, max-margin's greedy optimal policy), numbers in shortest
 * round-trip form; deep MaxEnt has no weights.csv.
 */
@Command(name = "irl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {"Inverse RL on your MDP: fit a reward r(s) of the features to demonstrations,"
        + " with known dynamics (maxent, deep-maxent, max-margin) or from samples only (gail,"
        + " airl, gcl, bc), and write weights.csv (feature,weight; linear methods), reward.csv"
        + " (state,reward) and policy.csv (state,action,probability).",
        "maxent: the discounted maximum causal entropy objective: finite-horizon soft VI over T"
        + " steps (T = the demos' length or --horizon, gamma from the MDP file, temperature"
        + " --temperature, default 1); the gradient E[mu] - mu_D of the convex dual,"
        + " gamma^t-weighted; Adam.",
        "max-margin: structured max-margin with slack (Ratliff et al. 2006) by subgradient with"
        + " loss-augmented planning; --method projection for Abbeel & Ng (2004).",
        "deep-maxent: the same objective with an MLP reward of the features (Wulfmeier et al."
            + " 2015), back-propagated with core.autodiff; writes reward.csv and policy.csv (no"
            + " weights.csv); --l2 is its weight decay (default 0.1).",
        "gail, airl, gcl, bc: learn from the demonstrations' transitions without reading the"
            + " dynamics (the MDP file only simulates episodes); observations are the feature"
            + " rows, so give features that tell states apart for the policy to imitate. gail:"
            + " Ho & Ermon (2016) with PPO; airl: Fu et al. (2018), reward.csv is g(s); gcl: Finn"
            + " et al. (2016); bc: behaviour cloning, policy.csv only. reward.csv of gail and gcl"
            + " is sum_a pi(a|s) r(s,a) under the trained policy."})
public final class IrlCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "METHOD",
      description = "maxent, deep-maxent or max-margin (known dynamics); gail, airl, gcl or bc"
          + " (from samples: the MDP only simulates).")
  String method;

  @Option(names = "--mdp", paramLabel = "FILE", required = true,
      description = "The MDP in gridrl's text format (docs/cli.md); its rewards are ignored.")
  Path mdpFile;

  @Option(names = "--features", paramLabel = "CSV", required = true,
      description = "State features: header 'state,f0,f1,...', one row per state.")
  Path featuresFile;

  @Option(names = "--demos", paramLabel = "CSV", required = true,
      description = "Demonstrations: header 'trajectory,step,state,action'.")
  Path demosFile;

  @Option(names = "--horizon", paramLabel = "H",
      description = "The horizon T (default: the longest demonstration); no step may reach it."
          + " gail, airl, gcl: also the length of the learner's episodes.")
  Integer horizon;

  @Option(names = "--l2", paramLabel = "LAMBDA",
      description = "maxent and deep-maxent: the L2 weight lambda >= 0 of (lambda/2)|w|^2"
          + " (default 0; deep-maxent: weight decay, default 0.1).")
  Double l2;

  @Option(names = "--seed", paramLabel = "N",
      description = "deep-maxent, gail, airl, gcl and bc: the seed of the networks and the"
          + " sampling (default 0).")
  Long seed;

  @Option(names = "--start", paramLabel = "init|empirical", defaultValue = "init",
      description = "Start E[mu] from the MDP's initial distribution (init, default) or from the"
          + " demonstrations' first states (empirical).")
  String start;

  @Option(names = "--iterations", paramLabel = "N",
      description = "Iteration cap (default: 200 for maxent and deep-maxent, 100 for"
          + " max-margin). A fit that stops there unconverged is a warning on stderr (with"
          + " --strict an error). gail, airl, gcl: the iterations they run (default 200, 200,"
          + " 60); bc: its epochs (default 100).")
  Integer iterations;

  @Option(names = "--learning-rate", paramLabel = "ETA",
      description = "Step size (default: Adam 0.1 for maxent, Adam 0.01 for deep-maxent, 0.1"
          + " for max-margin structured; the projection method has none).")
  Double learningRate;

  @Option(names = "--method", paramLabel = "structured|projection",
      description = "max-margin: its form, structured (default) or projection.")
  String maxMarginMethod;

  @Option(names = "--objective", paramLabel = "finite|discounted|stationary",
      defaultValue = "finite",
      description = {"maxent and deep-maxent: finite (default): the dual of T-step finite-horizon"
          + " soft VI; discounted: the dual of one stationary discounted soft policy;"
          + " stationary: the demonstrations' likelihood under one stationary discounted soft"
          + " policy, with its exact gradient (bounded for any reward, so the choice for a"
          + " flexible reward under stochastic dynamics; see docs/algorithms/irl.md)."})
  String objective;

  @Option(names = "--temperature", paramLabel = "TAU",
      description = "maxent and deep-maxent: the soft value iteration temperature tau > 0,"
          + " V(s) = tau log sum_a exp(Q(s,a)/tau) (default " + SoftViConfig.DEFAULT_TEMPERATURE
          + ", the pinned objective).")
  Double temperature;

  @Option(names = "--tolerance", paramLabel = "E",
      description = "maxent and deep-maxent with --objective discounted or stationary: each"
          + " discounted soft VI solve stops when max_s |V_new(s) - V(s)| < E (default "
          + SoftViConfig.DEFAULT_TOLERANCE + "). The finite objective has no tolerance.")
  Double tolerance;

  @Option(names = "--solver", paramLabel = "jacobi|fast",
      description = "maxent and deep-maxent with --objective discounted or stationary: plain"
          + " Jacobi sweeps (default) or fast = Anderson-accelerated sweeps (the same fixed point"
          + " in fewer sweeps), as in gridrl solve.")
  String solver;

  @Option(names = "--visitation", paramLabel = "auto|series|exact",
      description = "maxent and deep-maxent with --objective stationary: how the visitation"
          + " (I - gamma P_pi^T)^-1 b of the likelihood's gradient is solved: auto (default) the"
          + " exact banded solve where it is cheaper than the series, series the discounted"
          + " series to 1e-15 (what the published IRL sweeps ran), exact always the banded"
          + " solve. They agree to round-off.")
  String visitation;

  @Option(names = "--discount", paramLabel = "c",
      description = "The per-step discount c in [0, 1] of the objective, in place of the MDP"
          + " file's gamma (an MDP file may say gamma 1, the undiscounted finite-horizon MaxEnt"
          + " of Ziebart et al. 2008). c = 1 needs the finite objective: the discounted and"
          + " stationary ones have no solution at gamma 1.")
  Double discount;

  @Option(names = "--strict",
      description = "Treat a fit that stops unconverged (at --iterations, or the projection"
          + " method when it cannot get closer) as a failure: one line on stderr, exit code 1, no"
          + " file written. Without it, that is a warning and the last fit is written.")
  boolean strict;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
      description = "Folder for the output files (created if missing). Default: the current"
          + " folder.")
  Path out;

  private final Io io;

  /** The irl command writing to {@code io}. */
  public IrlCommand(Io io) {
    this.io = io;
  }

  /** Each config field an option sets, by field name: a refused value names its option. */
  private static final Map<String, String> OPTION_OF_FIELD = Map.of(
      "temperature", "--temperature",
      "tolerance", "--tolerance",
      "l2", "--l2",
      "weightDecay", "--l2",
      "maxIterations", "--iterations",
      "learningRate", "--learning-rate");

  @Override
  public Integer call() throws IOException {
    // 1. options, before reading any file
    String m = method.toLowerCase(Locale.ROOT);
    if (!List.of("maxent", "deep-maxent", "max-margin").contains(m)
        && !SampledIrl.METHODS.contains(m)) {
      throw new UsageException("METHOD must be maxent, deep-maxent, max-margin, gail, airl, gcl"
          + " or bc, got '" + method + "'");
    }
    if (SampledIrl.METHODS.contains(m)) {
      return sampled(m);
    }
    IrlProblem.Start startRule = switch (start.toLowerCase(Locale.ROOT)) {
      case "init" -> IrlProblem.Start.INIT;
      case "empirical" -> IrlProblem.Start.EMPIRICAL;
      default -> throw new UsageException("--start must be init or empirical, got '" + start
          + "'");
    };
    if (horizon != null && horizon < 1) {
      throw new UsageException("--horizon must be >= 1, got " + horizon);
    }
    MaxEntObjective.Horizon objectiveHorizon = switch (objective.toLowerCase(Locale.ROOT)) {
      case "finite" -> MaxEntObjective.Horizon.FINITE;
      case "discounted" -> MaxEntObjective.Horizon.DISCOUNTED;
      case "stationary" -> MaxEntObjective.Horizon.STATIONARY;
      default -> throw new UsageException("--objective must be finite, discounted or"
          + " stationary, got '" + objective + "'");
    };
    if (!m.equals("max-margin")) {
      only(maxMarginMethod != null, "--method", "max-margin");
    }
    if (!m.equals("deep-maxent")) {
      only(seed != null, "--seed", "deep-maxent");
    }
    MaxMarginConfig.Method mmMethod = maxMarginMethod == null ? MaxMarginConfig.Method.STRUCTURED
        : switch (maxMarginMethod.toLowerCase(Locale.ROOT)) {
      case "structured" -> MaxMarginConfig.Method.STRUCTURED;
      case "projection" -> MaxMarginConfig.Method.PROJECTION;
      default -> throw new UsageException("--method must be structured or projection, got '"
          + maxMarginMethod + "'");
    };
    SoftViMethod sweeps = solver == null ? null : switch (solver.toLowerCase(Locale.ROOT)) {
      case "jacobi" -> SoftViMethod.JACOBI;
      case "fast" -> SoftViMethod.ANDERSON;
      default -> throw new UsageException("--solver must be jacobi or fast, got '" + solver
          + "'");
    };
    StateVisitation.Solver visitationSolver = visitation == null ? null
        : switch (visitation.toLowerCase(Locale.ROOT)) {
          case "auto" -> StateVisitation.Solver.AUTO;
          case "series" -> StateVisitation.Solver.SERIES;
          case "exact" -> StateVisitation.Solver.EXACT;
          default -> throw new UsageException("--visitation must be auto, series or exact, got '"
              + visitation + "'");
        };
    if (m.equals("max-margin")) {
      String maxEnt = "maxent and deep-maxent";
      only(l2 != null, "--l2", maxEnt);
      if (mmMethod == MaxMarginConfig.Method.PROJECTION) {
        only(learningRate != null, "--learning-rate", "maxent, deep-maxent and max-margin"
            + " --method structured");
      }
      only(visitation != null, "--visitation", maxEnt);
      only(objectiveHorizon != MaxEntObjective.Horizon.FINITE, "--objective", maxEnt);
      only(temperature != null, "--temperature", maxEnt);
      only(tolerance != null, "--tolerance", maxEnt);
      only(solver != null, "--solver", maxEnt);
    } else if (objectiveHorizon == MaxEntObjective.Horizon.FINITE) {
      // the finite objective is T backward steps: no sweeps to stop or accelerate
      String discounted = "--objective discounted or stationary";
      only(tolerance != null, "--tolerance", discounted);
      only(solver != null, "--solver", discounted);
    }
    if (!m.equals("max-margin") && objectiveHorizon != MaxEntObjective.Horizon.STATIONARY) {
      only(visitation != null, "--visitation", "--objective stationary");
    }
    if (discount != null && !(discount >= 0 && discount <= 1)) {
      throw new UsageException("--discount must be in [0, 1], got " + discount);
    }
    Record config = m.equals("max-margin") ? maxMarginConfig(mmMethod)
        : maxEntConfig(m, objectiveHorizon, sweeps, visitationSolver);

    // 2. every input file, checked, before anything is written
    TabularMdp read = InputFiles.mdp("--mdp", mdpFile);
    TabularMdp mdp = discount == null ? read : read.withGamma(discount);
    if (mdp.gamma() == 1 && objectiveHorizon != MaxEntObjective.Horizon.FINITE) {
      throw new UsageException((discount == null ? mdpFile + " has gamma 1" : "--discount 1")
          + ", and --objective " + objective.toLowerCase(Locale.ROOT) + " is a discounted"
          + " objective, which has no solution for gamma 1: use --objective finite, or"
          + " --discount c < 1");
    }
    StateFeatures phi = InputFiles.features("--features", featuresFile, mdp.numStates());
    Demonstrations demos = InputFiles.demos("--demos", demosFile, mdp.numStates(),
        mdp.numActions(), horizon == null ? Integer.MAX_VALUE : horizon);
    int horizonT = horizon == null ? demos.maxLength() : horizon;
    if (m.equals("max-margin") || objectiveHorizon == MaxEntObjective.Horizon.FINITE) {
      HeapCheck.require((horizon != null ? "--horizon " + horizon : "the horizon " + horizonT
          + " of --demos " + demosFile) + " (" + HeapCheck.finiteHorizonWords(mdp.numStates(),
          mdp.numActions()) + ")", HeapCheck.finiteHorizon(horizonT, mdp.numStates(),
          mdp.numActions(), !m.equals("max-margin")));
    }
    IrlProblem problem = IrlProblem.of(mdp, phi, demos, horizonT, startRule);

    // 3. fit
    IrlResult<?> result;
    if (config instanceof DeepMaxEntIrlConfig c) {
      result = DeepMaxEntIrl.train(problem, c).result();
    } else if (config instanceof MaxEntIrlConfig c) {
      result = MaxEntIrl.train(problem, c);
    } else {
      result = MaxMarginIrl.train(problem, (MaxMarginConfig) config);
    }

    // 4. how it ended: unconverged is a warning, or with --strict a failure and no file
    if (!result.converged()) {
      String ended = result.algorithm() + " " + result.describeEnd() + unconvergedHint(result);
      if (strict) {
        io.err().println("gridrl: " + ended + "; --strict: nothing written");
        io.err().flush();
        return ErrorHandling.FAILURE;
      }
      io.err().println("gridrl: warning: " + ended);
      io.err().flush();
    }

    // 5. write (each file through a temporary file and an atomic rename)
    Files.createDirectories(out);
    IrlResult<?> fitted = result;
    Path weights = result.weights() == null ? null : out.resolve("weights.csv");
    Path reward = out.resolve("reward.csv");
    Path policy = out.resolve("policy.csv");
    if (weights != null) {
      AtomicFiles.writeText(weights, w -> {
        w.write("feature,weight\n");
        for (int i = 0; i < phi.numFeatures(); i++) {
          w.write(phi.names().get(i) + "," + Numbers.shortest(fitted.weights()[i]) + "\n");
        }
      });
    }
    AtomicFiles.writeText(reward, w -> {
      w.write("state,reward\n");
      for (int s = 0; s < mdp.numStates(); s++) {
        w.write(s + "," + Numbers.shortest(fitted.stateReward()[s]) + "\n");
      }
    });
    TabularPolicy pi = result.policy();
    AtomicFiles.writeText(policy, w -> {
      w.write("state,action,probability\n");
      for (int s = 0; s < mdp.numStates(); s++) {
        for (int a = 0; a < mdp.numActions(); a++) {
          w.write(s + "," + a + "," + Numbers.shortest(pi.probability(s, a)) + "\n");
        }
      }
    });
    io.out().println(result.algorithm() + " on " + mdpFile + ": S = " + mdp.numStates()
        + ", A = " + mdp.numActions() + ", k = " + phi.numFeatures() + " features, "
        + demos.size() + " demonstrations, T = " + horizonT + ", start " + start.toLowerCase(
            Locale.ROOT) + ", gamma " + mdp.gamma());
    io.out().println(result.describeEnd() + (m.equals("max-margin")
        && mmMethod == MaxMarginConfig.Method.STRUCTURED ? "; lowest objective "
        + Formats.number(result.finalMetric()) : ""));
    if (m.endsWith("maxent")) {
      double[] ll = result.history().series(Metrics.LOG_LIKELIHOOD);
      io.out().println("demo log-likelihood (gamma^t-weighted, mean per demonstration): "
          + Formats.number(ll[0]) + " -> " + Formats.number(ll[ll.length - 1]));
    }
    io.out().println("wrote " + (weights == null ? "" : weights + ", ") + reward + ", " + policy);
    io.out().flush();
    return 0;
  }

  /**
   * gail, airl, gcl and bc: the options that apply to the known-dynamics methods only are
   * refused by name; the files are read and checked as for them; then {@link SampledIrl} runs.
   */
  private int sampled(String m) throws IOException {
    String knownDynamics = "maxent, deep-maxent and max-margin";
    only(l2 != null, "--l2", knownDynamics);
    only(!start.equalsIgnoreCase("init"), "--start", knownDynamics);
    only(learningRate != null, "--learning-rate", knownDynamics);
    only(maxMarginMethod != null, "--method", "max-margin");
    only(!objective.equalsIgnoreCase("finite"), "--objective", knownDynamics);
    only(temperature != null, "--temperature", knownDynamics);
    only(tolerance != null, "--tolerance", knownDynamics);
    only(solver != null, "--solver", knownDynamics);
    only(visitation != null, "--visitation", knownDynamics);
    only(strict, "--strict", knownDynamics + " (the sample-based methods run a fixed budget)");
    if (horizon != null && horizon < 1) {
      throw new UsageException("--horizon must be >= 1, got " + horizon);
    }
    if (iterations != null && iterations < 1) {
      throw new UsageException("--iterations must be >= 1, got " + iterations);
    }
    if (discount != null && !(discount >= 0 && discount <= 1)) {
      throw new UsageException("--discount must be in [0, 1], got " + discount);
    }
    TabularMdp read = InputFiles.mdp("--mdp", mdpFile);
    TabularMdp mdp = discount == null ? read : read.withGamma(discount);
    StateFeatures phi = InputFiles.features("--features", featuresFile, mdp.numStates());
    Demonstrations demos = InputFiles.demos("--demos", demosFile, mdp.numStates(),
        mdp.numActions(), horizon == null ? Integer.MAX_VALUE : horizon);
    int horizonT = horizon == null ? demos.maxLength() : horizon;
    return SampledIrl.run(io, new SampledIrl.Inputs(m, mdpFile, mdp, phi, demos, horizonT,
        seed == null ? 0L : seed, iterations, out));
  }

  /** The max-margin config: the method's defaults with the options given, built once. */
  private MaxMarginConfig maxMarginConfig(MaxMarginConfig.Method mmMethod) {
    return OptionErrors.build(OPTION_OF_FIELD,
        () -> MaxMarginConfig.defaults(mmMethod).with(b -> {
      if (iterations != null) {
        b.maxIterations(iterations);
      }
      if (learningRate != null) {
        b.learningRate(learningRate);
      }
    }));
  }

  /**
   * The config of {@code maxent} or {@code deep-maxent}: its defaults with the options given and
   * the planning settings nested, each record built once.
   */
  private Record maxEntConfig(String m, MaxEntObjective.Horizon objectiveHorizon,
      SoftViMethod sweeps, StateVisitation.Solver visitationSolver) {
    SoftViConfig planning = OptionErrors.build(OPTION_OF_FIELD,
        () -> SoftViConfig.defaults().with(b -> {
      if (temperature != null) {
        b.temperature(temperature);
      }
      if (tolerance != null) {
        b.tolerance(tolerance);
      }
      if (sweeps != null) {
        b.method(sweeps);
      }
    }));
    if (m.equals("maxent")) {
      return OptionErrors.build(OPTION_OF_FIELD,
          () -> MaxEntIrlConfig.defaults().with(b -> {
        b.horizon(objectiveHorizon).planning(planning);
        if (visitationSolver != null) {
          b.visitationSolver(visitationSolver);
        }
        if (l2 != null) {
          b.l2(l2);
        }
        if (iterations != null) {
          b.maxIterations(iterations);
        }
        if (learningRate != null) {
          b.learningRate(learningRate);
        }
      }));
    }
    return OptionErrors.build(OPTION_OF_FIELD,
        () -> DeepMaxEntIrlConfig.defaults().with(b -> {
      b.horizon(objectiveHorizon).planning(planning);
      if (seed != null) {
        b.seed(seed);
      }
      if (visitationSolver != null) {
        b.visitationSolver(visitationSolver);
      }
      if (l2 != null) {
        b.weightDecay(l2);
      }
      if (iterations != null) {
        b.maxIterations(iterations);
      }
      if (learningRate != null) {
        b.learningRate(learningRate);
      }
    }));
  }

  /** What to do about a fit that ended unconverged, or "" when nothing would help. */
  private static String unconvergedHint(IrlResult<?> result) {
    if (!result.stoppedAtCap()) {
      return ""; // the projection method stopped early: more iterations would not move it
    }
    if (MaxMarginIrl.STRUCTURED.equals(result.algorithm())) {
      return " (raise --iterations; the subgradient method seldom meets its tolerance, and the"
          + " weights written are those of the lowest objective seen)";
    }
    return " (raise --iterations for a converged fit)";
  }

  /** A usage error if an option was given where it does not apply. */
  private static void only(boolean given, String option, String where) {
    if (given) {
      throw new UsageException(option + " applies to " + where + " only");
    }
  }

}
