package org.gridrl.benchmarks.cli;

import org.gridrl.core.util.Provenance;
import picocli.CommandLine.IVersionProvider;

/** {@code gridrl --version}: the jar manifest's version and the Java runtime. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    Provenance.Platform p = Provenance.Platform.current();
    return new String[] {"gridrl " + p.gridrl(),
        "Java " + p.java() + " (" + p.javaVendor() + "), " + p.os() + " " + p.arch()};
  }
}
