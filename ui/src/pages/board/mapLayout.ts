// Where the floor map puts things: pure functions, so the layout is tested without a DOM.
// Seat positions are 0-based (column x, row y); CSS grid lines are 1-based.

/** A grid row: a row of cards, or a thin spacer (an aisle, a zone's label, the unseated agents' label). */
export type Track = "card" | "gap";

/** A label in a spacer row, from column `col` (1-based) across `span` columns. */
export type MapLabel = { key: string; text: string; row: number; col: number; span: number; kind: "zone" | "unseated" };

export type MapLayout = {
  /** Columns of the grid (cards are a fixed width, so this fixes the map's width). */
  cols: number;
  tracks: Track[];
  /** Grid row (1-based) of each seat row (y) in use. */
  rowOf: Map<number, number>;
  labels: MapLabel[];
  /** First grid row of the agents without a seat, and how many go on a row. */
  unseatedRow: number;
  unseatedPerRow: number;
};

export type SeatPos = { x: number; y: number; zone: string | null };

/** Agents without a seat go on rows of this many at most when the seats are narrower. */
const UNSEATED_MAX_PER_ROW = 8;

function unseatedRows(layout: MapLayout, unseated: number, label: string, hasSeats: boolean) {
  if (unseated <= 0) return;
  const perRow = layout.cols >= 4 ? layout.cols : Math.max(layout.cols, Math.min(unseated, UNSEATED_MAX_PER_ROW));
  layout.cols = Math.max(layout.cols, perRow);
  layout.unseatedPerRow = perRow;
  if (hasSeats) {
    layout.tracks.push("gap");
    layout.labels.push({ key: "unseated", text: label, row: layout.tracks.length, col: 1, span: layout.cols, kind: "unseated" });
  }
  layout.unseatedRow = layout.tracks.length + 1;
  for (let i = 0; i < Math.ceil(unseated / perRow); i++) layout.tracks.push("card");
}

/**
 * The live map: as many columns as the seats need; only the rows that hold a shown seat, with a
 * thin spacer where an aisle (one or more empty rows) was and where a zone starts, so zones stay
 * apart without the empty rows' height. A spacer carries the labels of the zones starting there.
 */
export function compactLayout(seats: SeatPos[], unseated: number, unseatedLabel: string): MapLayout {
  const layout: MapLayout = { cols: 0, tracks: [], rowOf: new Map(), labels: [], unseatedRow: 1, unseatedPerRow: 1 };
  const byRow = new Map<number, SeatPos[]>();
  for (const s of seats) {
    layout.cols = Math.max(layout.cols, s.x + 1);
    const row = byRow.get(s.y);
    if (row) row.push(s);
    else byRow.set(s.y, [s]);
  }
  const ys = [...byRow.keys()].sort((a, b) => a - b);
  let before = new Set<string>();
  ys.forEach((y, i) => {
    // Each zone of this row, at its leftmost column.
    const zones = new Map<string, number>();
    for (const s of byRow.get(y)!) {
      if (s.zone == null || s.zone === "") continue;
      zones.set(s.zone, Math.min(zones.get(s.zone) ?? s.x, s.x));
    }
    const fresh = [...zones].filter(([z]) => !before.has(z)).sort((a, b) => a[1] - b[1]);
    const aisle = i > 0 && y - ys[i - 1] >= 2;
    if (aisle || fresh.length > 0) {
      layout.tracks.push("gap");
      const row = layout.tracks.length;
      fresh.forEach(([zone, x], k) => {
        const end = k + 1 < fresh.length ? fresh[k + 1][1] : layout.cols;
        layout.labels.push({ key: `zone-${y}-${zone}`, text: zone, row, col: x + 1, span: Math.max(1, end - x), kind: "zone" });
      });
    }
    layout.tracks.push("card");
    layout.rowOf.set(y, layout.tracks.length);
    before = new Set(zones.keys());
  });
  unseatedRows(layout, unseated, unseatedLabel, seats.length > 0);
  return layout;
}

/**
 * Arranging: the real grid, one card row per seat row from 0, plus one spare column and row
 * beyond the seats so there is room to move to.
 */
export function exactLayout(seats: SeatPos[], unseated: number, unseatedLabel: string): MapLayout {
  const cols = Math.max(0, ...seats.map((s) => s.x)) + (seats.length > 0 ? 2 : 1);
  const rows = Math.max(0, ...seats.map((s) => s.y)) + (seats.length > 0 ? 2 : 1);
  const layout: MapLayout = { cols, tracks: [], rowOf: new Map(), labels: [], unseatedRow: 1, unseatedPerRow: 1 };
  for (let y = 0; y < rows; y++) {
    layout.tracks.push("card");
    layout.rowOf.set(y, y + 1);
  }
  unseatedRows(layout, unseated, unseatedLabel, true);
  return layout;
}

/**
 * The map's sizes (px), as styles.css draws .fd-floor-map (a big map sets them inline from here,
 * so the two cannot drift): a card's width and height, the extra height of a card with a third
 * line, a spacer's height, the gaps between rows and columns, and the arranging grid's inset
 * (its padding and border). A big map knows where every row and column is from these alone.
 */
export const MAP_SIZES = { cardW: 132, rowH: 72, thirdLine: 18, gapH: 18, rowGap: 6, colGap: 8, arrangeInset: 7 } as const;

/** Each track's height (px): a spacer's, or a card row's, taller where a card on it has a third line (`tall`, 0-based tracks). */
export function trackHeights(tracks: Track[], tall: ReadonlySet<number>): number[] {
  return tracks.map((t, i) => (t === "gap" ? MAP_SIZES.gapH : tall.has(i) ? MAP_SIZES.rowH + MAP_SIZES.thirdLine : MAP_SIZES.rowH));
}

/** grid-template-rows for the tracks (the heights come from CSS variables, bigger on the wallboard). */
export function templateRows(tracks: Track[]): string {
  return tracks.map((t) => (t === "card" ? "minmax(var(--fd-row-h), auto)" : "var(--fd-gap-h)")).join(" ");
}
