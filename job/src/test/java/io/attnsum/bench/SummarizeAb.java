package io.attnsum.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A/B timing of two builds of the summarize stage in one JVM: each build's {@code io.attnsum}
 * classes are loaded child-first from their own class directories (dependencies, ND4J's native
 * library included, are shared from the application class path), each gets its own {@link
 * SummarizeProfile} workload, and their passes are interleaved A B B A ... so that load from
 * other processes on a shared machine hits both alike. Prints each pass, the B/A time ratio per
 * round and its median, and whether the two builds' checksums agree (bit-for-bit same output).
 *
 * <pre>
 * # baseline classes from a git revision (the current tree is B):
 * git archive REV job/src | tar -x -C /tmp/base
 * javac -d /tmp/base/classes -cp "$CP" $(find /tmp/base/job/src/main/java -name '*.java') \
 *     job/src/test/java/io/attnsum/bench/{SummarizeProfile,NewsCorpusGenerator}.java
 * cp -r /tmp/base/job/src/main/resources/. /tmp/base/classes
 * OMP_NUM_THREADS=1 java -cp job/target/test-classes:"$CP" io.attnsum.bench.SummarizeAb \
 *     --a /tmp/base/classes --b job/target/classes:job/target/test-classes --rounds 4 \
 *     [SummarizeProfile options, e.g. --documents 3000; --a.KEY / --b.KEY for one build only,
 *     e.g. --b.batch-size 1024]
 * </pre>
 *
 * where {@code $CP} is the test-scope dependency class path ({@code mvn dependency:build-classpath
 * -Dmdep.includeScope=test}).
 */
public final class SummarizeAb {
  private SummarizeAb() {}

  /** Loads {@code io.attnsum.*} from its own directories first, everything else from the parent. */
  static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.attnsum.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }

  /** One build's workload, driven by reflection (its classes are not this loader's). */
  private record Build(String name, Object profile, Method pass) {
    long[] run() throws Exception {
      return (long[]) pass.invoke(profile);
    }
  }

  private static Build load(String name, String dirs, Map<String, String> options) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String d : dirs.split(":")) {
      urls.add(Path.of(d).toUri().toURL());
    }
    ClassLoader loader = new ChildFirst(urls.toArray(new URL[0]), SummarizeAb.class.getClassLoader());
    Class<?> c = Class.forName(SummarizeProfile.class.getName(), true, loader);
    Constructor<?> make = c.getConstructor(Map.class);
    Object profile = make.newInstance(options);
    System.out.printf(Locale.ROOT, "%s = %s: %s%n", name, dirs, c.getMethod("describe").invoke(profile));
    return new Build(name, profile, c.getMethod("pass"));
  }

  /** The options, with those named {@code prefix + key} applying to this build only. */
  private static Map<String, String> only(String prefix, Map<String, String> options) {
    Map<String, String> out = new java.util.HashMap<>();
    options.forEach((k, v) -> {
      if (!k.matches("[ab]\\..*")) {
        out.put(k, v);
      }
    });
    options.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = SummarizeProfile.options(args);
    String a = options.remove("a");
    String b = options.remove("b");
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "4"));
    options.remove("rounds");
    Build[] builds = {load("A", a, only("a.", options)), load("B", b, only("b.", options))};
    // Warm-up: one untimed pass each (JIT, ND4J workspaces).
    long[] checksums = {builds[0].run()[1], builds[1].run()[1]};
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long[] nanos = new long[2];
      int first = r % 2; // A B, then B A, ...
      for (int k = 0; k < 2; k++) {
        int i = (first + k) % 2;
        long[] result = builds[i].run();
        nanos[i] = result[0];
        if (result[1] != checksums[i]) {
          throw new IllegalStateException(builds[i].name() + " is not deterministic");
        }
      }
      ratios[r] = (double) nanos[1] / nanos[0];
      System.out.printf(Locale.ROOT, "round %d: A %.3f s, B %.3f s, B/A %.3f%n",
          r, nanos[0] / 1e9, nanos[1] / 1e9, ratios[r]);
    }
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
    System.out.printf(Locale.ROOT, "median B/A %.3f (min %.3f, max %.3f); checksums A %016x B %016x: %s%n",
        median, sorted[0], sorted[rounds - 1], checksums[0], checksums[1],
        checksums[0] == checksums[1] ? "identical output" : "OUTPUT DIFFERS");
  }
}
