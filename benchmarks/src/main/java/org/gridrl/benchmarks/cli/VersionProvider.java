package org.gridrl.benchmarks.cli;

import org.gridrl.benchmarks.runner.Provenance;
import picocli.CommandLine.IVersionProvider;

/** {@code gridrl --version}: the jar manifest's version and the Java runtime. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    Provenance p = Provenance.current();
    return new String[] {"gridrl " + p.gridrl(),
        "Java " + p.java() + " (" + p.javaVendor() + "), " + p.os() + " " + p.arch()};
  }
}
