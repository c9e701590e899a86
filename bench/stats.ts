// Small statistics for noisy timings: medians, a trimmed mean for integer-ms samples, rounded ratios.

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The mean of the middle values, `cut` of them dropped at each end. Playwright reports test durations in
 * whole milliseconds, so a median cannot see a difference under 1 ms; a trimmed mean can, and it still
 * ignores the outliers (a worker's first test, a test that met a garbage collection).
 */
export function trimmedMean(values: number[], cut = 0.1): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const drop = Math.floor(sorted.length * cut);
  const kept = sorted.slice(drop, sorted.length - drop);
  return kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function ratio(slow: number, fast: number): number {
  return round(slow / fast, slow / fast >= 10 ? 1 : 2);
}
