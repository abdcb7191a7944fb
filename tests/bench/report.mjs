// Figures and tables shared by the benchmarks (bench.mjs, signing.mjs).

export function quantile(sorted, p) {
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function stats(values) {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, min: NaN, median: NaN, p90: NaN, p95: NaN, max: NaN };
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
  return { n: s.length, min: s[0], median, p90: quantile(s, 0.9), p95: quantile(s, 0.95), max: s[s.length - 1] };
}

export const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
export const kb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1000).toFixed(1) : '-');
export const verdict = (ok) => (ok === null || ok === undefined ? 'ERROR' : ok ? 'PASS' : 'MISS');

export function table(title, columns, rows) {
  const cells = [columns, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  // First column left-aligned (names), the rest right-aligned (numbers).
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}
