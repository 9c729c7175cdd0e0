/** Base pay (基本工资) is kept in fen; people read and type yuan with two decimals. */

/** 450050 → "4500.50". */
export function formatYuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** What the form's yuan input holds (at most two decimals) → fen; empty → null. */
export function yuanToFen(yuan: number | null | undefined): number | null {
  return yuan === null || yuan === undefined ? null : Math.round(yuan * 100);
}

/** Fen → the form's yuan input. */
export function fenToYuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 100;
}

/** The most a base pay may be, in yuan (the backend's BASE_PAY_MAX_FEN). */
export const BASE_PAY_MAX_YUAN = 1_000_000;
