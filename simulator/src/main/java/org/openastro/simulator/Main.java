package org.openastro.simulator;

import picocli.CommandLine;

/** {@code java -jar simulator/target/simulator.jar [options]}: see {@link SimulatorCommand}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulatorCommand()).execute(args));
  }
}
