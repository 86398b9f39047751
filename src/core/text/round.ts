/** A number rounded to two decimals, as reports show scores and shares. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
