package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.core.planning.StateVisitation;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gridrl irl} on a small chain MDP: the written files equal what the library computes,
 * and every bad input is one line naming the file and line, exit 2, nothing written.
 */
class IrlCommandTest {

  /** 4 states in a ring, action 0 stays, action 1 moves on (slip 0.2 to staying); uniform d0. */
  private static TabularMdp ring() {
    var b = TabularMdp.builder(4, 2).gamma(0.9)
        .initialDistribution(new double[] {0.25, 0.25, 0.25, 0.25});
    for (int s = 0; s < 4; s++) {
      b.transition(s, 0, s, 1.0);
      b.transition(s, 1, (s + 1) % 4, 0.8);
      b.transition(s, 1, s, 0.2);
    }
    return b.build();
  }

  private static final StateFeatures PHI = StateFeatures.of(4, 2,
      new double[] {1, 0, 0, 0.5, 0, 1, 0.5, 0.5}, List.of("a", "b"));

  @TempDir
  Path dir;
  Path mdpFile;
  Path featuresFile;
  Path demosFile;
  Path out;
  Demonstrations demos;

  @BeforeEach
  void writeInputs() throws IOException {
    mdpFile = dir.resolve("ring.mdp");
    MdpFormat.write(ring(), mdpFile);
    featuresFile = dir.resolve("features.csv");
    Files.writeString(featuresFile, "state,a,b\n0,1,0\n1,0,0.5\n2,0,1\n3,0.5,0.5\n");
    TabularPolicy expert = SoftValueIteration.solve(ring().withStateRewards(
        PHI.linear(new double[] {1, -1}, null))).policy();
    demos = Demonstrations.sample(ring(), expert, 20, 6, 3);
    demosFile = dir.resolve("demos.csv");
    demos.write(demosFile);
    out = dir.resolve("out");
  }

  private static double[] column(Path csv, int col) throws IOException {
    return Files.readAllLines(csv).stream().skip(1)
        .mapToDouble(l -> Double.parseDouble(l.split(",")[col])).toArray();
  }

  @Test
  void maxent_writesTheLibrarysWeightsRewardAndPolicy() throws IOException {
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--l2", "0.1",
        "--start", "empirical", "--out", out.toString());
    // at MaxEntIrl's defaults the fit stops at its cap of 200 iterations: a warning, not silence
    assertThat(r.err()).isEqualTo("gridrl: warning: maxent stopped at its cap of 200 iterations"
        + " unconverged, gradient norm 2.4e-05 >= 1e-06 (raise --iterations for a converged"
        + " fit)\n");
    assertThat(r.exitCode()).isZero();
    IrlResult<MaxEntIrlConfig> lib = MaxEntIrl.train(IrlProblem.of(ring(), PHI, demos, 6,
        IrlProblem.Start.EMPIRICAL), MaxEntIrlConfig.defaults().withL2(0.1));
    assertThat(lib.converged()).isFalse();
    assertThat(r.out()).contains(lib.describeEnd() + "\n");
    assertThat(Files.readAllLines(out.resolve("weights.csv")).get(0)).isEqualTo("feature,weight");
    assertThat(column(out.resolve("weights.csv"), 1)).containsExactly(lib.weights());
    assertThat(column(out.resolve("reward.csv"), 1)).containsExactly(lib.stateReward());
    double[] p = column(out.resolve("policy.csv"), 2);
    assertThat(p).hasSize(8);
    for (int s = 0; s < 4; s++) {
      assertThat(p[2 * s] + p[2 * s + 1]).isCloseTo(1.0, within(1e-12));
      assertThat(p[2 * s + 1]).isEqualTo(lib.policy().probability(s, 1));
    }
    assertThat(r.out()).contains("demo log-likelihood");
  }

  @Test
  void unconvergedFit_withStrict_exits1_inOneLine_andWritesNothing() {
    List<String> args = List.of("irl", "maxent", "--mdp", mdpFile.toString(), "--features",
        featuresFile.toString(), "--demos", demosFile.toString(), "--l2", "0.1", "--start",
        "empirical", "--strict", "--out", out.toString());
    CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
    assertThat(r.exitCode()).isEqualTo(1); // the input was fine: not 2
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("gridrl: maxent stopped at its cap of 200 iterations"
        + " unconverged, gradient norm 2.4e-05 >= 1e-06 (raise --iterations for a converged"
        + " fit); --strict: nothing written\n");
    assertThat(Files.exists(out)).isFalse();

    // enough iterations: converged, so --strict has nothing to say
    List<String> more = new java.util.ArrayList<>(args);
    more.addAll(List.of("--iterations", "2000"));
    CliRunner.Result ok = CliRunner.run(more.toArray(new String[0]));
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.err()).isEmpty();
    IrlResult<MaxEntIrlConfig> lib = MaxEntIrl.train(IrlProblem.of(ring(), PHI, demos, 6,
        IrlProblem.Start.EMPIRICAL), MaxEntIrlConfig.defaults().withL2(0.1)
        .withMaxIterations(2000));
    assertThat(lib.converged()).isTrue();
    assertThat(ok.out()).contains(lib.describeEnd() + "\n").startsWith("maxent on ");
    assertThat(Files.exists(out.resolve("weights.csv"))).isTrue();
  }

  @Test
  void structuredMaxMargin_atItsCap_warnsWithTheSubgradientNorm_andWhatIsWritten() {
    CliRunner.Result r = CliRunner.run("irl", "max-margin", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--iterations",
        "20", "--out", out.toString());
    assertThat(r.exitCode()).isZero();
    IrlResult<MaxMarginConfig> lib = MaxMarginIrl.train(IrlProblem.of(ring(), PHI, demos, 6,
        IrlProblem.Start.INIT), MaxMarginConfig.defaults(MaxMarginConfig.Method.STRUCTURED)
        .withMaxIterations(20));
    assertThat(lib.stoppedAtCap()).isTrue();
    assertThat(r.err()).isEqualTo("gridrl: warning: max-margin-structured " + lib.describeEnd()
        + " (raise --iterations; the subgradient method seldom meets its tolerance, and the"
        + " weights written are those of the lowest objective seen)\n");
    assertThat(lib.describeEnd()).startsWith("stopped at its cap of 20 iterations unconverged,"
        + " subgradient norm ");
  }

  @Test
  void gammaOne_finiteObjective_isTheUndiscountedFit_andDiscountOneSaysTheSame()
      throws IOException {
    Path undiscounted = dir.resolve("ring-gamma1.mdp");
    MdpFormat.write(ring().withGamma(1), undiscounted);
    assertThat(Files.readString(undiscounted)).contains("gamma 1\n");
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", undiscounted.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--out",
        out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    IrlResult<MaxEntIrlConfig> lib = MaxEntIrl.train(IrlProblem.of(ring().withGamma(1), PHI,
        demos, 6, IrlProblem.Start.INIT), MaxEntIrlConfig.defaults());
    assertThat(column(out.resolve("weights.csv"), 1)).containsExactly(lib.weights());
    // the same fit from the gamma 0.9 file with --discount 1
    Path viaOption = dir.resolve("via-option");
    CliRunner.Result o = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--discount",
        "1", "--out", viaOption.toString());
    assertThat(o.exitCode()).as(o.err()).isZero();
    assertThat(column(viaOption.resolve("weights.csv"), 1)).containsExactly(lib.weights());
    // and it is not the gamma 0.9 fit
    IrlResult<MaxEntIrlConfig> discounted = MaxEntIrl.train(IrlProblem.of(ring(), PHI, demos, 6,
        IrlProblem.Start.INIT), MaxEntIrlConfig.defaults());
    assertThat(lib.weights()).isNotEqualTo(discounted.weights());
  }

  @Test
  void gammaOne_discountedObjectives_areRefusedInOneLine() throws IOException {
    Path undiscounted = dir.resolve("ring-gamma1.mdp");
    MdpFormat.write(ring().withGamma(1), undiscounted);
    for (String objective : List.of("discounted", "stationary")) {
      CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", undiscounted.toString(),
          "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--objective",
          objective, "--out", out.toString());
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo("gridrl: " + undiscounted + " has gamma 1, and"
          + " --objective " + objective + " is a discounted objective, which has no solution for"
          + " gamma 1: use --objective finite, or --discount c < 1");
    }
    CliRunner.Result o = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--objective",
        "stationary", "--discount", "1", "--out", out.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.err()).startsWith("gridrl: --discount 1, and --objective stationary");
    CliRunner.Result bad = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--discount",
        "1.5", "--out", out.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("gridrl: --discount must be in [0, 1], got 1.5");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void maxMargin_projectionAndStructured_writeTheLibrarysWeights() throws IOException {
    for (String method : List.of("structured", "projection")) {
      Path o = dir.resolve("out-" + method);
      CliRunner.Result r = CliRunner.run("irl", "max-margin", "--mdp", mdpFile.toString(),
          "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--method",
          method, "--horizon", "8", "--out", o.toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
      IrlResult<MaxMarginConfig> lib = MaxMarginIrl.train(IrlProblem.of(ring(), PHI, demos, 8,
          IrlProblem.Start.INIT), MaxMarginConfig.defaults(method.equals("projection")
          ? MaxMarginConfig.Method.PROJECTION : MaxMarginConfig.Method.STRUCTURED));
      assertThat(column(o.resolve("weights.csv"), 1)).containsExactly(lib.weights());
    }
  }

  @Test
  void deepMaxent_writesTheLibrarysRewardAndNoWeights() throws IOException {
    CliRunner.Result r = CliRunner.run("irl", "deep-maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--iterations",
        "30", "--seed", "5", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    DeepMaxEntIrl.Model lib = DeepMaxEntIrl.train(IrlProblem.of(ring(), PHI, demos, 6,
        IrlProblem.Start.INIT), DeepMaxEntIrlConfig.defaults().withMaxIterations(30).withSeed(5));
    assertThat(column(out.resolve("reward.csv"), 1)).containsExactly(lib.result().stateReward());
    assertThat(Files.exists(out.resolve("weights.csv"))).isFalse();
    assertThat(Files.readAllLines(out.resolve("policy.csv"))).hasSize(1 + 8);
  }

  @Test
  void objectiveStationary_maxentAndDeepMaxent_writeTheLibrarysReward() throws IOException {
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--objective",
        "stationary", "--iterations", "40", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    IrlProblem problem = IrlProblem.of(ring(), PHI, demos, 6, IrlProblem.Start.INIT);
    IrlResult<MaxEntIrlConfig> lib = MaxEntIrl.train(problem, MaxEntIrlConfig.defaults().withL2(0)
        .withMaxIterations(40).withHorizon(MaxEntObjective.Horizon.STATIONARY));
    assertThat(column(out.resolve("weights.csv"), 1)).containsExactly(lib.weights());
    // and it differs from the default (finite) objective's fit on these slippery dynamics
    IrlResult<MaxEntIrlConfig> finite = MaxEntIrl.train(problem, MaxEntIrlConfig.defaults()
        .withL2(0).withMaxIterations(40));
    assertThat(lib.weights()).isNotEqualTo(finite.weights());

    Path deepOut = dir.resolve("deep");
    CliRunner.Result d = CliRunner.run("irl", "deep-maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--objective",
        "stationary", "--iterations", "20", "--seed", "2", "--out", deepOut.toString());
    assertThat(d.exitCode()).as(d.err()).isZero();
    DeepMaxEntIrl.Model deep = DeepMaxEntIrl.train(problem, DeepMaxEntIrlConfig.defaults()
        .withMaxIterations(20).withSeed(2).withHorizon(MaxEntObjective.Horizon.STATIONARY));
    assertThat(column(deepOut.resolve("reward.csv"), 1))
        .containsExactly(deep.result().stateReward());
  }

  @Test
  void visitationOption_setsTheStationarySolver_andTheFitIsTheLibrarys() throws IOException {
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--objective",
        "stationary", "--iterations", "25", "--visitation", "series", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    IrlProblem problem = IrlProblem.of(ring(), PHI, demos, 6, IrlProblem.Start.INIT);
    MaxEntIrlConfig series = MaxEntIrlConfig.defaults().with(b -> b
        .horizon(MaxEntObjective.Horizon.STATIONARY).maxIterations(25)
        .visitationSolver(StateVisitation.Solver.SERIES));
    IrlResult<MaxEntIrlConfig> lib = MaxEntIrl.train(problem, series);
    assertThat(column(out.resolve("weights.csv"), 1)).containsExactly(lib.weights());
    // the exact solve fits the same weights to round-off
    IrlResult<MaxEntIrlConfig> exact = MaxEntIrl.train(problem,
        series.withVisitationSolver(StateVisitation.Solver.EXACT));
    for (int i = 0; i < lib.weights().length; i++) {
      assertThat(exact.weights()[i]).isCloseTo(lib.weights()[i], within(1e-9));
    }
  }

  @Test
  void planningOptions_setTheNestedSoftViConfig_andTheFitIsTheLibrarys() throws IOException {
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--objective",
        "stationary", "--iterations", "30", "--temperature", "0.5", "--tolerance", "1e-8",
        "--solver", "fast", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    IrlProblem problem = IrlProblem.of(ring(), PHI, demos, 6, IrlProblem.Start.INIT);
    MaxEntIrlConfig config = MaxEntIrlConfig.defaults().with(b -> b
        .horizon(MaxEntObjective.Horizon.STATIONARY).maxIterations(30)
        .planning(SoftViConfig.defaults().with(p -> p.temperature(0.5).tolerance(1e-8)
            .method(SoftViMethod.ANDERSON))));
    IrlResult<MaxEntIrlConfig> lib = MaxEntIrl.train(problem, config);
    assertThat(column(out.resolve("weights.csv"), 1)).containsExactly(lib.weights());
    // τ is a setting of the fit: τ = 1 gives other weights
    IrlResult<MaxEntIrlConfig> tauOne = MaxEntIrl.train(problem,
        config.withPlanning(config.planning().withTemperature(1)));
    assertThat(lib.weights()).isNotEqualTo(tauOne.weights());

    // the finite objective takes τ too
    Path finiteOut = dir.resolve("finite");
    CliRunner.Result f = CliRunner.run("irl", "deep-maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--iterations",
        "10", "--temperature", "2", "--out", finiteOut.toString());
    assertThat(f.exitCode()).as(f.err()).isZero();
    DeepMaxEntIrl.Model deep = DeepMaxEntIrl.train(problem, DeepMaxEntIrlConfig.defaults()
        .with(b -> b.maxIterations(10).planning(SoftViConfig.defaults().withTemperature(2))));
    assertThat(column(finiteOut.resolve("reward.csv"), 1))
        .containsExactly(deep.result().stateReward());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "max-margin with temperature|max-margin|--temperature 2"
          + "|--temperature applies to maxent and deep-maxent only",
      "max-margin with solver|max-margin|--solver fast"
          + "|--solver applies to maxent and deep-maxent only",
      "finite objective with tolerance|maxent|--tolerance 1e-8"
          + "|--tolerance applies to --objective discounted or stationary only",
      "finite objective with solver|deep-maxent|--solver fast"
          + "|--solver applies to --objective discounted or stationary only",
      "visitation with the finite objective|maxent|--visitation exact"
          + "|--visitation applies to --objective stationary only",
      "visitation with max-margin|max-margin|--visitation series"
          + "|--visitation applies to maxent and deep-maxent only",
      "bad visitation|maxent|--objective stationary --visitation lu"
          + "|--visitation must be auto, series or exact, got 'lu'",
      "bad solver|maxent|--objective discounted --solver newton"
          + "|--solver must be jacobi or fast, got 'newton'",
      "zero tolerance|maxent|--objective stationary --tolerance 0"
          + "|--tolerance must be finite and > 0, got 0.0",
      "negative temperature|deep-maxent|--temperature -1"
          + "|--temperature must be finite and > 0, got -1.0",
      "deep weight decay|deep-maxent|--l2 -0.5|--l2 must be finite and >= 0, got -0.5",
      "deep iterations|deep-maxent|--iterations 0|--iterations must be >= 1, got 0",
      "max-margin learning rate|max-margin|--learning-rate 0"
          + "|--learning-rate must be finite and > 0, got 0.0",
      "method with maxent|maxent|--method projection|--method applies to max-margin only",
      "method with deep-maxent|deep-maxent|--method structured"
          + "|--method applies to max-margin only",
      "seed with maxent|maxent|--seed 3|--seed applies to deep-maxent only",
      "seed with max-margin|max-margin|--seed 3|--seed applies to deep-maxent only",
      "l2 with max-margin|max-margin|--l2 0.1|--l2 applies to maxent and deep-maxent only",
      "learning rate with projection|max-margin|--method projection --learning-rate 0.5"
          + "|--learning-rate applies to maxent, deep-maxent and max-margin --method structured"
          + " only",
  })
  void optionAConfigRefuses_orThatDoesNotApply_isOneLineNamingIt_exit2(String name,
      String method, String options, String expected) {
    List<String> args = new java.util.ArrayList<>(List.of("irl", method, "--mdp",
        mdpFile.toString(), "--features", featuresFile.toString(), "--demos",
        demosFile.toString(), "--out", out.toString()));
    args.addAll(List.of(options.split(" ")));
    CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("gridrl: " + expected);
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void objective_badValueOrWithMaxMargin_isOneLineExit2() {
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--objective",
        "causal", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("gridrl: --objective must be finite, discounted or"
        + " stationary, got 'causal'");
    CliRunner.Result m = CliRunner.run("irl", "max-margin", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--objective",
        "stationary", "--out", out.toString());
    assertThat(m.exitCode()).isEqualTo(2);
    assertThat(m.err().strip()).isEqualTo("gridrl: --objective applies to maxent and deep-maxent"
        + " only");
    assertThat(Files.exists(out)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "features missing a state|features|state,a,b\\n0,1,0\\n1,0,0.5\\n3,0.5,0.5\\n"
          + "|features.csv:4: state 2 has no row",
      "features ragged row|features|state,a,b\\n0,1,0\\n1,0\\n2,0,1\\n3,0.5,0.5\\n"
          + "|features.csv:3: ragged row",
      "demos unknown state|demos|trajectory,step,state,action\\n0,0,1,1\\n0,1,9,0\\n"
          + "|demos.csv:3: unknown state 9",
      "demos unknown action|demos|trajectory,step,state,action\\n0,0,1,2\\n"
          + "|demos.csv:2: unknown action 2",
      "demos step gap|demos|trajectory,step,state,action\\n0,0,1,1\\n0,2,1,0\\n"
          + "|demos.csv:3: trajectory 0: expected step 1, got 2",
      "mdp bad probability|mdp|states 2\\nactions 1\\ngamma 0.9\\ntransition 0 0 1 1.5\\n"
          + "|ring.mdp:4:",
  })
  void badFile_oneLineNamingFileAndLine_exit2_nothingWritten(String name, String which,
      String content, String expected) throws IOException {
    Path target = switch (which) {
      case "features" -> featuresFile;
      case "demos" -> demosFile;
      default -> mdpFile;
    };
    Files.writeString(target, content.replace("\\n", "\n"));
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--out",
        out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(r.err()).startsWith("gridrl: ").contains(dir.resolve(expected.split(":")[0])
        .toString() + expected.substring(expected.indexOf(':')));
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void horizonShorterThanDemos_namesTheDemoLine_exit2_nothingWritten() {
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), "--horizon",
        "4", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    // rows of trajectory 0 are lines 2..7; step 4 is line 6
    assertThat(r.err().strip()).isEqualTo("gridrl: --demos " + demosFile
        + ":6: trajectory 0 step 4 is beyond the horizon 4 (steps must be < 4)");
    assertThat(Files.exists(out)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "negative l2|--l2|-1|--l2 must be finite and >= 0, got -1.0",
      "bad start|--start|middle|--start must be init or empirical, got 'middle'",
      "zero horizon|--horizon|0|--horizon must be >= 1, got 0",
      "zero iterations|--iterations|0|--iterations must be >= 1, got 0",
      "NaN learning rate|--learning-rate|NaN|--learning-rate must be finite and > 0, got NaN",
      "zero temperature|--temperature|0|--temperature must be finite and > 0, got 0.0",
  })
  void badOption_oneLineNamingIt_exit2(String name, String option, String value,
      String expected) {
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", featuresFile.toString(), "--demos", demosFile.toString(), option, value,
        "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("gridrl: " + expected);
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void missingFile_namesIt_exit2() {
    CliRunner.Result r = CliRunner.run("irl", "maxent", "--mdp", mdpFile.toString(),
        "--features", dir.resolve("nope.csv").toString(), "--demos", demosFile.toString(),
        "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nope.csv");
    assertThat(Stream.of(out).anyMatch(Files::exists)).isFalse();
  }
}
