// Small statistics for the benches: every figure is printed with its spread
// over runs, so that none is read finer than the method resolves.

/** The p-th percentile (nearest rank) of xs; NaN when empty. */
export function pct(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))];
}

export function median(xs: readonly number[]): number {
  return pct(xs, 50);
}

/** "median (min–max)" with `digits` decimals. */
export function spread(xs: readonly number[], digits = 0): string {
  if (xs.length === 0) return 'n/a';
  return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
}

/** Events per second for n events in ms milliseconds, rounded. */
export function perSecond(n: number, ms: number): number {
  return Math.round((n / ms) * 1000);
}

/** A numeric command-line option (`--name 5`), or `fallback` when absent. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The peak RSS and heap lines of a memory bench (MB above the baseline), each with its spread. */
export function printPeaks(results: ReadonlyArray<{ rssMb: number; heapMb: number }>, indent = '  '): void {
  console.log(
    `${indent}peak RSS above base   ${spread(
      results.map((r) => r.rssMb),
      1,
    )} MB`,
  );
  console.log(
    `${indent}peak heap above base  ${spread(
      results.map((r) => r.heapMb),
      1,
    )} MB`,
  );
}
