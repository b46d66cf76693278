package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.say;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import one.profiler.AsyncProfiler;

/**
 * With {@code profile=PREFIX}, samples the CPU of this JVM and of the Cassandra node (Java, native and
 * kernel frames; async-profiler, attached to Cassandra as an agent) over one phase's measured window
 * only, and writes {@code PREFIX-<phase>-<jvm>.collapsed} (collapsed stacks per thread, for flame
 * graphs) and {@code PREFIX-<phase>-<jvm>.txt} (the flat top). Without it, nothing.
 */
final class WindowProfiler {
  private static final String START = "start,event=cpu,interval=1ms,threads";
  private final String prefix;
  private final String phase;
  private final long cassandraPid;
  private final Path library;

  private WindowProfiler(String prefix, String phase, long cassandraPid, Path library) {
    this.prefix = prefix;
    this.phase = phase;
    this.cassandraPid = cassandraPid;
    this.library = library;
  }

  static WindowProfiler start(BenchOptions opts, String phase, long cassandraPid) {
    String prefix = opts.text("profile");
    if (prefix == null || prefix.isEmpty()) {
      return new WindowProfiler(null, phase, cassandraPid, null);
    }
    try {
      Path library = extractLibrary();
      AsyncProfiler.getInstance(library.toString()).execute(START);
      command(cassandraPid, library, START);
      return new WindowProfiler(prefix, phase, cassandraPid, library);
    } catch (Exception | UnsatisfiedLinkError e) {
      say("%s: profiling not available (%s)", phase, e);
      return new WindowProfiler(null, phase, cassandraPid, null);
    }
  }

  void stop() {
    if (prefix == null) {
      return;
    }
    String self = prefix + "-" + phase + "-gatewayjvm";
    String cassandra = prefix + "-" + phase + "-cassandra";
    try {
      AsyncProfiler profiler = AsyncProfiler.getInstance(library.toString());
      profiler.execute("stop,collapsed,file=" + self + ".collapsed");
      Files.writeString(Path.of(self + ".txt"), profiler.dumpFlat(60));
      command(cassandraPid, library, "stop,collapsed,file=" + cassandra + ".collapsed");
      command(cassandraPid, library, "flat=60,file=" + cassandra + ".txt");
      say("%s: profiles of the measured window in %s.* and %s.*", phase, self, cassandra);
    } catch (Exception e) {
      say("%s: could not write the profiles: %s", phase, e);
    }
  }

  /** Runs an async-profiler command inside another JVM by loading it as an agent there. */
  private static void command(long pid, Path library, String command) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    try {
      vm.loadAgentPath(library.toString(), command);
    } finally {
      vm.detach();
    }
  }

  private static Path extractLibrary() throws IOException {
    String arch = System.getProperty("os.arch").contains("aarch64") ? "linux-arm64" : "linux-x64";
    Path file = Files.createTempFile("libasyncProfiler", ".so");
    file.toFile().deleteOnExit();
    try (InputStream in = AsyncProfiler.class.getResourceAsStream("/" + arch + "/libasyncProfiler.so")) {
      if (in == null) {
        throw new IOException("no " + arch + " async-profiler library in the jar");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
