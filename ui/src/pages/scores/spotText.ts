// 质检's numbers in words. Points come from the backend in hundredths of a point; maxima in whole
// points. Nothing here scores, counts or judges a check.

/** Hundredths of a point → "92.5", "100", "7.25". */
export function pointsText(hundredths: number): string {
  const sign = hundredths < 0 ? "-" : "";
  const abs = Math.abs(hundredths);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

/** A typed score (points, up to two decimals) → hundredths, as the backend takes them. */
export function toHundredths(points: number): number {
  return Math.round(points * 100);
}

/** A percentage the backend gave (2 places) → "92.5". */
export function percentText(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return "—";
  return String(Math.round(percent * 100) / 100);
}
