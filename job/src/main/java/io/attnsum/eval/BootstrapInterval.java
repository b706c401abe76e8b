package io.attnsum.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mean of per-document scores with a percentile bootstrap confidence interval (Efron and
 * Tibshirani 1993; the same scheme as rouge-score's {@code BootstrapAggregator}): resample the
 * documents with replacement, take the mean each time, report the 2.5th and 97.5th percentiles
 * (linear interpolation, as numpy's default). A fixed seed makes every system use the same
 * resamples of the same documents.
 */
public record BootstrapInterval(double mean, double low, double high, int documents) {

  public static BootstrapInterval of(double[] values, int resamples, long seed) {
    int n = values.length;
    if (n == 0) {
      return new BootstrapInterval(0, 0, 0, 0);
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double[] means = new double[resamples];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int b = 0; b < resamples; b++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += values[rng.nextInt(n)];
      }
      means[b] = s / n;
    }
    Arrays.sort(means);
    return new BootstrapInterval(sum / n, percentile(means, 2.5), percentile(means, 97.5), n);
  }

  /** numpy.percentile's default ("linear") on sorted values. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = q / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
