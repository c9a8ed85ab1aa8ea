package org.gridrl.benchmarks.experiments.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedPool;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.meta.HiddenGoalGrid;
import org.gridrl.meta.baselines.GoalSearchPlanner;
import org.gridrl.meta.baselines.GoalSearchSetting;
import org.gridrl.meta.baselines.HiddenGoalOracle;
import org.gridrl.meta.maml.Maml;
import org.gridrl.meta.maml.MamlConfig;
import org.gridrl.meta.maml.MamlResult;
import org.gridrl.meta.maml.MamlTasks;
import org.gridrl.meta.pearl.Pearl;
import org.gridrl.meta.pearl.PearlAgent;
import org.gridrl.meta.pearl.PearlConfig;
import org.gridrl.meta.pearl.PearlResult;
import org.gridrl.meta.rl2.Rl2;
import org.gridrl.meta.rl2.Rl2Evaluation;
import org.gridrl.meta.rl2.Rl2Result;
import org.gridrl.meta.rl2.Rl2Tasks;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run meta-hidden-goal}: RL² (Duan et al. 2016) on VariBAD's hidden-goal grid
 * (Zintgraf et al. 2020; 5×5, 15 steps, 4 episodes a trial) against the exact Bayes-optimal
 * planner, the oracle and the uniformly random policy: E[R_e] for each episode e = 1..4 of a
 * trial and E[Σ_e R_e]; the headline is RL²'s gap to Bayes-optimal, V_Bayes − V_RL², in total and
 * in episode 1.
 *
 * <p>The exact rows: {@link GoalSearchPlanner#bayesOptimal}'s search path scored for every goal
 * (37.2143 = 7815/210), {@link HiddenGoalOracle#episodeReturns} (44.2857 = 930/21) and
 * {@link #randomEpisodeReturns} (the state distribution of the uniform policy propagated exactly).
 *
 * <p>MAML (Finn, Abbeel &amp; Levine 2017) plays the same trials: {@link Maml#train} meta-trains a
 * categorical MLP policy over the cell (x, y) on tasks with one goal each ({@link #mamlTasks}),
 * and {@link #mamlEpisodeReturns} evaluates it in the trial layout: episode 1 with the
 * meta-trained θ_0, then before episode e + 1 one plain policy-gradient step on episode e alone
 * (sampled with θ_{e−1}; step sizes α, α/2, α/2), θ_e = θ_{e−1} + α_e ∇J_{episode e}(θ_{e−1}), so
 * 1, 2, 3 accumulated inner steps before episodes 2, 3, 4 and no other experience of the goal:
 * exactly {@link Maml#adapt} with one episode per batch and 3 steps. (The step is on the latest
 * episode only, not on all earlier ones, because the REINFORCE gradient J needs episodes of the
 * parameters being differentiated: earlier episodes come from earlier θ's.)
 *
 * <p>PEARL (Rakelly et al. 2019) with a categorical policy over discrete SAC
 * ({@link Pearl#trainDiscrete}) meta-trains on the 21 goals, one grid each ({@link #pearlTasks}),
 * and plays the same trials by posterior sampling ({@link #pearlEpisodeReturns}): episode 1 with
 * z from the prior, then each episode with z drawn from q(z|c) of all the context so far,
 * acting greedily (argmax_a π(a|s, z)); nothing is learned at test time.
 *
 * <p>Protocol, per seed s: {@link Rl2#train} on {@link Rl2Tasks#hiddenGoal} with the config's
 * budget and seed s, then {@link Rl2#evaluate} of the trained policy on
 * {@code evaluationTrials} fresh trials drawn from {@link #evaluationSeed}(s) (the mean return
 * of each episode, the total and its standard error). Seeds train in parallel and are written in
 * seed order, so the files do not depend on the thread count. MAML, per seed s: {@link Maml#train}
 * with seed s, then the trial layout on the same {@code evaluationTrials} goals as RL²'s (the
 * goals of {@code Rng(1000 + s).fork(0)}, {@link #evaluationGoals}). {@code metrics.csv} holds
 * RL²'s learning curve (the mean trial, first- and last-episode return of each iteration's
 * training trials, actions sampled), MAML's (the mean pre- and post-update episode return of
 * each meta-update's tasks) and PEARL's (the mean return of each iteration's collected
 * episodes). PEARL, per seed s: {@link Pearl#trainDiscrete} with seed s, then the same goals.
 */
public final class MetaHiddenGoal implements Experiment<MetaHiddenGoalConfig> {

  /** VariBAD's setting: 5×5, 15 steps an episode, 4 episodes a trial. */
  public static final GoalSearchSetting SETTING = GoalSearchSetting.varibad();

  /** The exact rows, in table order. */
  public static final List<String> EXACT = List.of("bayes-optimal", "oracle", "random");

  /** The learning-curve columns of {@code metrics.csv}. */
  static final List<String> CURVE = List.of(Rl2.TRIAL_RETURN, Rl2.FIRST_EPISODE_RETURN,
      Rl2.LAST_EPISODE_RETURN);

  /** MAML's learning-curve columns of {@code metrics.csv}. */
  static final List<String> MAML_CURVE = List.of(Maml.PRE_UPDATE_RETURN,
      Maml.POST_UPDATE_RETURN);

  /** PEARL's learning-curve column of {@code metrics.csv}. */
  static final List<String> PEARL_CURVE = List.of(Pearl.COLLECT_RETURN);

  @Override
  public String name() {
    return "meta-hidden-goal";
  }

  @Override
  public String description() {
    return "RL², MAML and PEARL on VariBAD's hidden-goal grid against the exact Bayes-optimal"
        + " planner and the oracle: return per episode of a trial and in total";
  }

  @Override
  public String reproduces() {
    return "Zintgraf et al. 2020 (VariBAD)'s hidden-goal grid: RL², MAML and PEARL against the"
        + " exact Bayes-optimal agent, the oracle and random, return per episode of a trial";
  }

  @Override
  public String resultsPage() {
    return "docs/results/meta-hidden-goal.md";
  }

  // measured: wall time of 'gridrl run meta-hidden-goal' (and --quick) with the jar on the
  // 2-core machine, 2026-12-06. RL² only, nothing else running: 105.5 s full, 13.2 s --quick.
  // With MAML, while another experiment kept both cores busy (load 4-5): 222.5 s full, 27.0 s
  // --quick. With PEARL, at load 12-15 (other sessions' jobs on the 2 cores): 827.4 s full
  // (357 s of CPU), 83.2 s --quick; at load 5-6: 71.5 s --quick (PEARL's share: 2.7-4.8 s of
  // training and 1.0-1.4 s of evaluation a seed, timed alone)
  @Override
  public Duration expectedRunTime(boolean quick) {
    return Duration.ofSeconds(quick ? 72 : 827);
  }

  @Override
  public MetaHiddenGoalConfig defaultConfig() {
    return MetaHiddenGoalConfig.defaults();
  }

  @Override
  public MetaHiddenGoalConfig quickConfig() {
    return MetaHiddenGoalConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public MetaHiddenGoalConfig smokeConfig() {
    return MetaHiddenGoalConfig.quick().with(b -> b
        .rl2(MetaHiddenGoalConfig.rl2(3).withTrialsPerIteration(4).withMinibatchTrials(2)
            .withEpochs(1).withHidden(8))
        .maml(new MetaHiddenGoalConfig.MamlSettings(MetaHiddenGoalConfig.maml(2).algorithm()
            .withMetaBatchSize(2), List.of(4)))
        .pearl(MetaHiddenGoalConfig.pearl(1).withTrainStepsPerIteration(2)
            .withInitialSteps(15).withTasksPerIteration(1))
        .evaluationTrials(4).threads(1).seeds(List.of(1L)));
  }

  /** The seed of seed s's evaluation trials: 1000 + s (training draws from Rng(s)'s forks). */
  public static long evaluationSeed(long seed) {
    return 1000L + seed;
  }

  /** RL²'s trials on {@link #SETTING}. */
  public static Rl2Tasks<double[]> tasks() {
    return Rl2Tasks.hiddenGoal(SETTING.size(), SETTING.horizon(), SETTING.episodes());
  }

  /**
   * MAML's tasks: p(T) = {@link HiddenGoalGrid#tasks} on {@link #SETTING} (the goal uniform over
   * the 21 candidates, RL²'s draw), each task a new grid with its goal; observations (x, y).
   */
  public static MamlTasks<HiddenGoalGrid, double[], Integer> mamlTasks() {
    return MamlTasks.vector(HiddenGoalGrid.tasks(SETTING.size(), SETTING.horizon(),
        SETTING.episodes()), MetaHiddenGoal::freshGrid, freshGrid(HiddenGoalGrid.varibad(24)));
  }

  private static HiddenGoalGrid freshGrid(HiddenGoalGrid task) {
    return new HiddenGoalGrid(task.size(), task.horizon(), task.episodesPerTrial(), task.goal());
  }

  /** rng ↦ the categorical tanh MLP 2 → hidden → 5 MAML meta-trains. */
  static Function<Rng, Policy> mamlPolicy(MetaHiddenGoalConfig.MamlSettings settings) {
    int[] hidden = settings.hiddenWidths();
    return rng -> CategoricalPolicy.mlp(2, hidden, HiddenGoalGrid.NUM_ACTIONS, rng);
  }

  /**
   * The goals of the {@code trials} evaluation trials of seed s: drawn in order from
   * {@code Rng(evaluationSeed(s)).fork(0)}, the stream {@link Rl2#evaluate} draws RL²'s from.
   */
  public static List<HiddenGoalGrid> evaluationGoals(long seed, int trials) {
    return HiddenGoalGrid.tasks(SETTING.size(), SETTING.horizon(), SETTING.episodes())
        .sample(trials, new Rng(evaluationSeed(seed)).fork(0));
  }

  /**
   * MAML in the trial layout: for trial i with goal {@link #evaluationGoals}(seed)[i],
   * {@link Maml#adapt}(policy, sampler, config, E − 1) with one episode per batch, the sampler
   * seeded with {@code Rng(evaluationSeed(seed)).fork(3).fork(i)}: episode e + 1 is played with
   * θ_e (θ_0 the meta-trained parameters, θ_e one inner step from θ_{e−1} on episode e).
   *
   * @param policy the meta-trained policy; its parameters are restored after each trial
   * @param config MAML's settings; {@code testEpisodesPerTask} = 1, {@code testSteps} = E − 1
   * @return the return of episode e of trial i at [i][e]
   */
  public static Rl2Evaluation mamlEpisodeReturns(Policy policy, MamlConfig config, long seed,
      int trials) {
    MamlTasks<HiddenGoalGrid, double[], Integer> tasks = mamlTasks();
    List<HiddenGoalGrid> goals = evaluationGoals(seed, trials);
    Rng samplers = new Rng(evaluationSeed(seed)).fork(3);
    double[][] returns = new double[trials][];
    for (int i = 0; i < trials; i++) {
      returns[i] = Maml.adapt(policy, tasks, goals.get(i), config, SETTING.episodes() - 1,
          samplers.fork(i).seed()).returns();
    }
    return new Rl2Evaluation(returns);
  }

  /** PEARL's training tasks: one {@link HiddenGoalGrid#varibad} grid per candidate goal. */
  public static List<HiddenGoalGrid> pearlTasks() {
    List<HiddenGoalGrid> tasks = new ArrayList<>();
    for (int g : SETTING.candidates()) {
      tasks.add(new HiddenGoalGrid(SETTING.size(), SETTING.horizon(), SETTING.episodes(), g));
    }
    return tasks;
  }

  /**
   * PEARL in the trial layout: {@link Pearl#evaluateDiscrete} on the goals
   * {@link #evaluationGoals}(seed), E trajectories of H steps per trial, one exploration
   * trajectory (episode 1 with z from the prior, episode e + 1 with z drawn from q(z|c) of
   * episodes 1..e), z's stream {@code Rng(evaluationSeed(seed)).fork(4)}.
   *
   * @param agent the meta-trained discrete agent; its belief and z are changed
   * @return the return of episode e of trial i at [i][e]
   */
  public static Rl2Evaluation pearlEpisodeReturns(PearlAgent agent, long seed, int trials) {
    return new Rl2Evaluation(Pearl.evaluateDiscrete(agent, evaluationGoals(seed, trials),
        SETTING.episodes(), SETTING.horizon(), 1,
        new Rng(evaluationSeed(seed)).fork(4).seed()).returns());
  }

  /**
   * The exact per-episode expected returns of the reference policies, in {@link #EXACT}'s order:
   * the Bayes-optimal search path, the oracle, the uniformly random policy.
   */
  public static Map<String, double[]> exactRows(GoalSearchSetting setting) {
    Map<String, double[]> rows = new LinkedHashMap<>();
    rows.put("bayes-optimal", GoalSearchPlanner.bayesOptimal(setting).episodeReturns());
    rows.put("oracle", HiddenGoalOracle.episodeReturns(setting));
    rows.put("random", randomEpisodeReturns(setting));
    return rows;
  }

  /**
   * E[R_e] of the policy that picks each of the 5 actions with probability 1/5 at every step:
   * with p_0 = δ_start and p_{t+1}(c') = Σ_c Σ_a p_t(c)/5 [move(c, a) = c'],
   * E[R_e] = (1/K) Σ_{g∈C} Σ_{t=1..H} (1.1 p_t(g) − 0.1), the same every episode (each starts at
   * the start cell and the random policy ignores the history).
   */
  public static double[] randomEpisodeReturns(GoalSearchSetting setting) {
    int n = setting.size();
    double[] p = new double[n * n];
    p[HiddenGoalGrid.START] = 1.0;
    int[] goals = setting.candidates();
    double sum = 0;
    for (int t = 1; t <= setting.horizon(); t++) {
      double[] next = new double[n * n];
      for (int c = 0; c < n * n; c++) {
        for (int a = 0; a < HiddenGoalGrid.NUM_ACTIONS; a++) {
          next[HiddenGoalGrid.move(n, c, a)] += p[c] / HiddenGoalGrid.NUM_ACTIONS;
        }
      }
      p = next;
      for (int g : goals) {
        sum += (HiddenGoalGrid.GOAL_REWARD - HiddenGoalGrid.STEP_REWARD) * p[g]
            + HiddenGoalGrid.STEP_REWARD;
      }
    }
    double[] out = new double[setting.episodes()];
    Arrays.fill(out, sum / goals.length);
    return out;
  }

  /**
   * One seed's RL² run.
   *
   * @param trialReturn the mean trial return of the training trials of iterations 1..I
   * @param firstEpisodeReturn their mean first-episode return per iteration
   * @param lastEpisodeReturn their mean last-episode return per iteration
   * @param episodeReturns the evaluation's mean return of episodes 1..E
   * @param standardError the evaluation's standard error of the mean trial return
   * @param mamlPreUpdate MAML's mean pre-update episode return per meta-update
   * @param mamlPostUpdate MAML's mean post-update episode return per meta-update
   * @param mamlEpisodeReturns MAML's mean return of episodes 1..E in the trial layout
   * @param mamlStandardError its standard error of the mean trial return
   * @param pearlCollectReturn PEARL's mean collected episode return per iteration
   * @param pearlEpisodeReturns PEARL's mean return of episodes 1..E in the trial layout
   * @param pearlStandardError its standard error of the mean trial return
   */
  record RunResult(long seed, double[] trialReturn, double[] firstEpisodeReturn,
      double[] lastEpisodeReturn, double[] episodeReturns, double standardError,
      double[] mamlPreUpdate, double[] mamlPostUpdate, double[] mamlEpisodeReturns,
      double mamlStandardError, double[] pearlCollectReturn, double[] pearlEpisodeReturns,
      double pearlStandardError) {

    double total() {
      return Arrays.stream(episodeReturns).sum();
    }

    double mamlTotal() {
      return Arrays.stream(mamlEpisodeReturns).sum();
    }

    double pearlTotal() {
      return Arrays.stream(pearlEpisodeReturns).sum();
    }
  }

  @Override
  public void run(MetaHiddenGoalConfig config, RunContext ctx) throws Exception {
    Map<String, double[]> exact = exactRows(SETTING);
    double bayes = total(exact.get("bayes-optimal"));
    ctx.out().printf("hidden-goal grid %dx%d, %d steps x %d episodes, %d candidate goals;"
        + " exact: Bayes-optimal %.4f, oracle %.4f, random %.4f%n", SETTING.size(),
        SETTING.size(), SETTING.horizon(), SETTING.episodes(), SETTING.numCandidates(), bayes,
        total(exact.get("oracle")), total(exact.get("random")));
    ctx.out().printf("RL²: %d iterations x %d trials (%d environment steps) per seed, evaluated"
        + " on %d fresh trials%n", config.rl2().iterations(), config.rl2().trialsPerIteration(),
        (long) config.rl2().iterations() * config.rl2().trialsPerIteration()
            * SETTING.horizon() * SETTING.episodes(), config.evaluationTrials());
    MamlConfig m = config.maml().algorithm();
    ctx.out().printf("MAML: %d meta-updates x %d tasks x %d episode(s) per batch, %d inner"
        + " step(s), policy 2-%s-5; evaluated on the same trials, one inner step on each episode"
        + " before the next%n", m.iterations(), m.metaBatchSize(), m.episodesPerTask(),
        m.innerSteps(), config.maml().hidden().toString().replace(", ", "-").replace("[", "")
            .replace("]", ""));
    PearlConfig p = config.pearl();
    ctx.out().printf("PEARL: %d iterations x %d gradient steps on %d goals, meta-batch %d,"
        + " nets %dx%d; evaluated on the same trials, z from the prior in episode 1, then from"
        + " the posterior of all episodes so far%n", p.iterations(), p.trainStepsPerIteration(),
        SETTING.numCandidates(), p.metaBatch(), p.netLayers(), p.netWidth());
    ctx.note("setting", SETTING);
    ctx.note("exact", exactSummary(exact));
    ctx.note("seeds", config.seeds());
    ctx.note("evaluation", "per seed s, " + config.evaluationTrials() + " fresh trials drawn"
        + " with Rl2.evaluate(policy, tasks, trials, 1000 + s); actions sampled; MAML on the"
        + " same goals (Rng(1000 + s).fork(0)): episode 1 with the meta-trained parameters, then"
        + " before episode e + 1 one policy-gradient step on episode e (Maml.adapt with one"
        + " episode per batch, 3 steps of α, α/2, α/2), samplers seeded from"
        + " Rng(1000 + s).fork(3).fork(trial); PEARL on the same goals: episode 1 with z from"
        + " the prior, episode e + 1 with z from q(z|c) of episodes 1..e, greedy actions"
        + " (Pearl.evaluateDiscrete, z's stream Rng(1000 + s).fork(4))");
    List<String> columns = new ArrayList<>(CURVE);
    columns.addAll(MAML_CURVE);
    columns.addAll(PEARL_CURVE);
    ctx.metrics().declare(columns.toArray(String[]::new));

    Map<Long, RunResult> results = new LinkedHashMap<>();
    int n = config.seeds().size();
    try (SeedPool pool = new SeedPool(config.threads(), n);
        Progress progress = ctx.progress("seeds", n)) {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (long seed : config.seeds()) {
        futures.add(ctx.kept(seed).isPresent() ? null : pool.submit(() -> runOne(config, seed)));
      }
      for (int i = 0; i < n; i++) {
        long seed = config.seeds().get(i);
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed);
        RunResult r = kept.isPresent() ? keptRun(config, kept.get())
            : SeedPool.result(futures.get(i));
        if (kept.isEmpty()) {
          writeSeed(ctx, r, bayes);
        }
        results.put(seed, r);
        progress.step();
      }
    }

    ctx.out().println();
    table(exact, results).print(ctx.out(), "");
    Stats gapTotal = Stats.of(results.values().stream()
        .mapToDouble(r -> bayes - r.total()).toArray());
    Stats gapFirst = Stats.of(results.values().stream()
        .mapToDouble(r -> exact.get("bayes-optimal")[0] - r.episodeReturns()[0]).toArray());
    ctx.out().printf("%nRL²'s gap to Bayes-optimal (mean ± std over %d seeds): total %s,"
        + " episode 1 %s%n", n, gapTotal.format(), gapFirst.format());
    Stats mamlGap = Stats.of(results.values().stream()
        .mapToDouble(r -> bayes - r.mamlTotal()).toArray());
    ctx.out().printf("MAML's gap to Bayes-optimal (mean ± std over %d seeds): total %s%n", n,
        mamlGap.format());
    Stats pearlGap = Stats.of(results.values().stream()
        .mapToDouble(r -> bayes - r.pearlTotal()).toArray());
    ctx.out().printf("PEARL's gap to Bayes-optimal (mean ± std over %d seeds): total %s%n", n,
        pearlGap.format());
    ctx.note("rl2", rl2Summary(results, RunResult::episodeReturns, RunResult::standardError));
    ctx.note("maml", rl2Summary(results, RunResult::mamlEpisodeReturns,
        RunResult::mamlStandardError));
    ctx.note("pearl", rl2Summary(results, RunResult::pearlEpisodeReturns,
        RunResult::pearlStandardError));
    Map<String, Stats> gap = new LinkedHashMap<>();
    gap.put("total", gapTotal);
    gap.put("episode_1", gapFirst);
    gap.put("maml_total", mamlGap);
    gap.put("pearl_total", pearlGap);
    ctx.note("gap_to_bayes_optimal", gap);
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json"));
    for (Map.Entry<String, XYChart> chart : charts(config, exact, results).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
      files.add(chart.getKey());
    }
    ctx.note("files", files);
  }

  /** Trains RL² with seed {@code seed} and evaluates it on fresh trials. */
  static RunResult runOne(MetaHiddenGoalConfig config, long seed) {
    Rl2Tasks<double[]> tasks = tasks();
    Rl2Result trained = Rl2.train(tasks, config.rl2().withSeed(seed), null);
    Rl2Evaluation ev = Rl2.evaluate(trained.policy(), tasks, config.evaluationTrials(),
        evaluationSeed(seed));
    int iterations = config.rl2().iterations();
    double[][] curve = new double[CURVE.size()][iterations];
    for (double[] c : curve) {
      Arrays.fill(c, Double.NaN);
    }
    for (MetricsRecorder.Row row : trained.history().rows()) {
      for (int k = 0; k < CURVE.size(); k++) {
        Double v = row.values().get(CURVE.get(k));
        if (v != null && row.iteration() >= 1 && row.iteration() <= iterations) {
          curve[k][(int) row.iteration() - 1] = v;
        }
      }
    }
    double[] episodes = new double[tasks.episodesPerTrial()];
    for (int e = 0; e < episodes.length; e++) {
      episodes[e] = ev.meanEpisodeReturn(e);
    }
    MamlConfig maml = config.maml().algorithm().withSeed(seed);
    MamlResult meta = Maml.train(mamlTasks(), mamlPolicy(config.maml()), maml, null);
    Rl2Evaluation mev = mamlEpisodeReturns(meta.policy(), maml, seed, config.evaluationTrials());
    double[] mamlEpisodes = new double[tasks.episodesPerTrial()];
    for (int e = 0; e < mamlEpisodes.length; e++) {
      mamlEpisodes[e] = mev.meanEpisodeReturn(e);
    }
    PearlResult pearl = Pearl.trainDiscrete(pearlTasks(), config.pearl().withSeed(seed), null);
    Rl2Evaluation pev = pearlEpisodeReturns(pearl.agent(), seed, config.evaluationTrials());
    double[] pearlEpisodes = new double[tasks.episodesPerTrial()];
    for (int e = 0; e < pearlEpisodes.length; e++) {
      pearlEpisodes[e] = pev.meanEpisodeReturn(e);
    }
    return new RunResult(seed, curve[0], curve[1], curve[2], episodes, ev.standardError(),
        meta.history().series(Maml.PRE_UPDATE_RETURN),
        meta.history().series(Maml.POST_UPDATE_RETURN), mamlEpisodes, mev.standardError(),
        pearl.history().series(Pearl.COLLECT_RETURN), pearlEpisodes, pev.standardError());
  }

  /** A seed's learning-curve rows and final metrics (evaluation and gap). */
  private static void writeSeed(RunContext ctx, RunResult r, double bayes) {
    int rows = Math.max(Math.max(r.trialReturn().length, r.mamlPreUpdate().length),
        r.pearlCollectReturn().length);
    for (int i = 0; i < rows; i++) {
      Map<String, Double> values = new LinkedHashMap<>();
      if (i < r.trialReturn().length) {
        values.put(CURVE.get(0), r.trialReturn()[i]);
        values.put(CURVE.get(1), r.firstEpisodeReturn()[i]);
        values.put(CURVE.get(2), r.lastEpisodeReturn()[i]);
      }
      if (i < r.mamlPreUpdate().length) {
        values.put(MAML_CURVE.get(0), r.mamlPreUpdate()[i]);
        values.put(MAML_CURVE.get(1), r.mamlPostUpdate()[i]);
      }
      if (i < r.pearlCollectReturn().length) {
        values.put(PEARL_CURVE.get(0), r.pearlCollectReturn()[i]);
      }
      ctx.row(r.seed(), i + 1, values);
    }
    Map<String, Double> fin = new LinkedHashMap<>();
    for (int e = 0; e < r.episodeReturns().length; e++) {
      fin.put("eval/episode_" + (e + 1) + "_return", r.episodeReturns()[e]);
    }
    fin.put("eval/trial_return", r.total());
    fin.put("eval/trial_return_se", r.standardError());
    fin.put("eval/gap_to_bayes_optimal", bayes - r.total());
    for (int e = 0; e < r.mamlEpisodeReturns().length; e++) {
      fin.put("eval/maml/episode_" + (e + 1) + "_return", r.mamlEpisodeReturns()[e]);
    }
    fin.put("eval/maml/trial_return", r.mamlTotal());
    fin.put("eval/maml/trial_return_se", r.mamlStandardError());
    fin.put("eval/maml/gap_to_bayes_optimal", bayes - r.mamlTotal());
    for (int e = 0; e < r.pearlEpisodeReturns().length; e++) {
      fin.put("eval/pearl/episode_" + (e + 1) + "_return", r.pearlEpisodeReturns()[e]);
    }
    fin.put("eval/pearl/trial_return", r.pearlTotal());
    fin.put("eval/pearl/trial_return_se", r.pearlStandardError());
    fin.put("eval/pearl/gap_to_bayes_optimal", bayes - r.pearlTotal());
    ctx.seedComplete(r.seed(), fin);
  }

  /** A seed kept from the run this one resumes, read back from its rows and final metrics. */
  static RunResult keptRun(MetaHiddenGoalConfig config, RunContext.KeptSeed kept) {
    int iterations = config.rl2().iterations();
    double[][] curve = new double[CURVE.size()][iterations];
    for (double[] c : curve) {
      Arrays.fill(c, Double.NaN);
    }
    int mamlIterations = config.maml().algorithm().iterations();
    double[][] mamlCurve = new double[MAML_CURVE.size()][mamlIterations];
    for (double[] c : mamlCurve) {
      Arrays.fill(c, Double.NaN);
    }
    int pearlIterations = config.pearl().iterations();
    double[] pearlCurve = new double[pearlIterations];
    Arrays.fill(pearlCurve, Double.NaN);
    for (MetricsCsv.Row row : kept.rows()) {
      for (int k = 0; k < CURVE.size(); k++) {
        Double v = row.values().get(CURVE.get(k));
        if (v != null && row.iteration() >= 1 && row.iteration() <= iterations) {
          curve[k][(int) row.iteration() - 1] = v;
        }
      }
      for (int k = 0; k < MAML_CURVE.size(); k++) {
        Double v = row.values().get(MAML_CURVE.get(k));
        if (v != null && row.iteration() >= 1 && row.iteration() <= mamlIterations) {
          mamlCurve[k][(int) row.iteration() - 1] = v;
        }
      }
      Double pv = row.values().get(PEARL_CURVE.get(0));
      if (pv != null && row.iteration() >= 1 && row.iteration() <= pearlIterations) {
        pearlCurve[(int) row.iteration() - 1] = pv;
      }
    }
    Map<String, Double> fin = kept.finalMetrics();
    double[] episodes = new double[SETTING.episodes()];
    double[] mamlEpisodes = new double[SETTING.episodes()];
    double[] pearlEpisodes = new double[SETTING.episodes()];
    for (int e = 0; e < episodes.length; e++) {
      episodes[e] = fin.get("eval/episode_" + (e + 1) + "_return");
      mamlEpisodes[e] = fin.get("eval/maml/episode_" + (e + 1) + "_return");
      pearlEpisodes[e] = fin.get("eval/pearl/episode_" + (e + 1) + "_return");
    }
    return new RunResult(kept.seed(), curve[0], curve[1], curve[2], episodes,
        fin.get("eval/trial_return_se"), mamlCurve[0], mamlCurve[1], mamlEpisodes,
        fin.get("eval/maml/trial_return_se"), pearlCurve, pearlEpisodes,
        fin.get("eval/pearl/trial_return_se"));
  }

  private static double total(double[] x) {
    return Arrays.stream(x).sum();
  }

  /** Per exact row: its per-episode values and total. */
  private static Map<String, Object> exactSummary(Map<String, double[]> exact) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : exact.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("episodes", e.getValue());
      row.put("total", total(e.getValue()));
      out.put(e.getKey(), row);
    }
    return out;
  }

  /**
   * A method's evaluation over seeds: each episode's and the total's mean ± std, the s.e.'s.
   *
   * @param episodes a run's per-episode returns of the method
   * @param se a run's standard error of the method's mean trial return
   */
  private static Map<String, Object> rl2Summary(Map<Long, RunResult> results,
      Function<RunResult, double[]> episodes, java.util.function.ToDoubleFunction<RunResult> se) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<RunResult> rs = List.copyOf(results.values());
    for (int e = 0; e < SETTING.episodes(); e++) {
      int ep = e;
      out.put("episode_" + (e + 1), Stats.of(rs.stream()
          .mapToDouble(r -> episodes.apply(r)[ep]).toArray()));
    }
    out.put("total", Stats.of(rs.stream().mapToDouble(r -> total(episodes.apply(r)))
        .toArray()));
    out.put("evaluation_se", Stats.of(rs.stream().mapToDouble(se).toArray()));
    return out;
  }

  /**
   * The printed table: per method the return of episodes 1..E, the total and the gap to
   * Bayes-optimal; RL²'s, MAML's and PEARL's rows are mean ± std over seeds, the others are
   * exact.
   *
   * @param exact {@link #exactRows}. Not modified.
   * @param results seed → RL² run. Not modified.
   */
  static TextTable table(Map<String, double[]> exact, Map<Long, RunResult> results) {
    int episodes = exact.get("bayes-optimal").length;
    List<String> header = new ArrayList<>(List.of("method"));
    for (int e = 1; e <= episodes; e++) {
      header.add("episode " + e);
    }
    header.addAll(List.of("total", "gap to Bayes-optimal"));
    TextTable table = new TextTable(header.toArray(String[]::new));
    double bayes = total(exact.get("bayes-optimal"));
    List<RunResult> rs = List.copyOf(results.values());
    for (String method : List.of("RL²", "MAML", "PEARL")) {
      Function<RunResult, double[]> f = switch (method) {
        case "RL²" -> RunResult::episodeReturns;
        case "MAML" -> RunResult::mamlEpisodeReturns;
        default -> RunResult::pearlEpisodeReturns;
      };
      List<String> row = new ArrayList<>(List.of(method + " (" + rs.size() + " seeds)"));
      for (int e = 0; e < episodes; e++) {
        int ep = e;
        row.add(Stats.of(rs.stream().mapToDouble(r -> f.apply(r)[ep]).toArray()).format());
      }
      row.add(Stats.of(rs.stream().mapToDouble(r -> total(f.apply(r))).toArray()).format());
      row.add(Stats.of(rs.stream().mapToDouble(r -> bayes - total(f.apply(r))).toArray())
          .format());
      table.row(row.toArray(String[]::new));
    }
    for (Map.Entry<String, double[]> m : exact.entrySet()) {
      List<String> cells = new ArrayList<>(List.of(m.getKey() + " (exact)"));
      for (double v : m.getValue()) {
        cells.add(String.format("%.4f", v));
      }
      cells.add(String.format("%.4f", total(m.getValue())));
      cells.add(String.format("%.4f", bayes - total(m.getValue())));
      table.row(cells.toArray(String[]::new));
    }
    return table;
  }

  /**
   * The plots, by file name: {@code learning_curve.png}, RL²'s mean training trial return per
   * iteration (± std band over seeds) with the exact Bayes-optimal, oracle and random returns as
   * horizontal lines; {@code episode_returns.png}, the return of episodes 1..E per method (RL²'s,
   * MAML's and PEARL's evaluation, mean ± std band over seeds, and the exact rows);
   * {@code maml_learning_curve.png}, MAML's mean pre- and post-update episode return per
   * meta-update (± std band over seeds) with the oracle's episode return.
   *
   * @param exact {@link #exactRows}. Not modified.
   * @param results seed → RL² run. Not modified.
   */
  static Map<String, XYChart> charts(MetaHiddenGoalConfig config, Map<String, double[]> exact,
      Map<Long, RunResult> results) {
    int iterations = config.rl2().iterations();
    double[] it = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      it[i] = i + 1;
    }
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (RunResult r : results.values()) {
      xs.add(it);
      ys.add(r.trialReturn());
    }
    List<Plots.Curve> curves = new ArrayList<>();
    curves.add(new Plots.Curve("RL² (training trials)", xs, ys));
    for (Map.Entry<String, double[]> m : exact.entrySet()) {
      double v = total(m.getValue());
      curves.add(Plots.Curve.single(m.getKey() + " " + String.format("%.2f", v),
          new double[] {1, iterations}, new double[] {v, v}));
    }
    Map<String, XYChart> charts = new LinkedHashMap<>();
    charts.put("learning_curve.png", Plots.learningCurveChart("RL² on the 5x5 hidden-goal grid:"
        + " trial return (4 episodes)", "PPO iteration (" + config.rl2().trialsPerIteration()
        + " trials each)", "return per trial", curves, Plots.Band.STD, false, false));

    int episodes = exact.get("bayes-optimal").length;
    double[] ex = new double[episodes];
    for (int e = 0; e < episodes; e++) {
      ex[e] = e + 1;
    }
    List<Plots.Curve> perEpisode = new ArrayList<>();
    List<double[]> exs = new ArrayList<>();
    List<double[]> eys = new ArrayList<>();
    for (RunResult r : results.values()) {
      exs.add(ex);
      eys.add(r.episodeReturns());
    }
    perEpisode.add(new Plots.Curve("RL² (evaluation)", exs, eys));
    List<double[]> mys = new ArrayList<>();
    for (RunResult r : results.values()) {
      mys.add(r.mamlEpisodeReturns());
    }
    perEpisode.add(new Plots.Curve("MAML (inner step after each episode)", exs, mys));
    List<double[]> pys = new ArrayList<>();
    for (RunResult r : results.values()) {
      pys.add(r.pearlEpisodeReturns());
    }
    perEpisode.add(new Plots.Curve("PEARL (posterior z after episode 1)", exs, pys));
    for (Map.Entry<String, double[]> m : exact.entrySet()) {
      perEpisode.add(Plots.Curve.single(m.getKey(), ex, m.getValue()));
    }
    charts.put("episode_returns.png", Plots.learningCurveChart("Return in each episode of a"
        + " trial", "episode of the trial", "return per episode", perEpisode, Plots.Band.STD,
        false, false));

    int metaUpdates = config.maml().algorithm().iterations();
    double[] mit = new double[metaUpdates];
    for (int i = 0; i < metaUpdates; i++) {
      mit[i] = i + 1;
    }
    List<double[]> mxs = new ArrayList<>();
    List<double[]> pre = new ArrayList<>();
    List<double[]> post = new ArrayList<>();
    for (RunResult r : results.values()) {
      mxs.add(mit);
      pre.add(r.mamlPreUpdate());
      post.add(r.mamlPostUpdate());
    }
    List<Plots.Curve> mamlCurves = new ArrayList<>();
    mamlCurves.add(new Plots.Curve("MAML before the inner step", mxs, pre));
    mamlCurves.add(new Plots.Curve("MAML after one inner step", mxs, post));
    double oracleEpisode = exact.get("oracle")[0];
    mamlCurves.add(Plots.Curve.single("oracle episode " + String.format("%.2f", oracleEpisode),
        new double[] {1, metaUpdates}, new double[] {oracleEpisode, oracleEpisode}));
    charts.put("maml_learning_curve.png", Plots.learningCurveChart("MAML on the 5x5 hidden-goal"
        + " grid: episode return", "meta-update (" + config.maml().algorithm().metaBatchSize()
        + " tasks each)", "return per episode", mamlCurves, Plots.Band.STD, false, false));
    return charts;
  }
}
