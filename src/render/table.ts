import truncatedWidth from 'fast-string-truncated-width';
import type { Style } from './style';
import { displayWidth } from './wrap-text';

/**
 * One column of a table for the terminal. Cells are plain (safe) text: colour
 * is added after the cell is cut and padded, so a cut never splits a colour.
 */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  /** The width it takes when there is room (a streamed table cannot measure every row first). */
  readonly width: number;
  /** The narrowest it may be cut to, with `…`; the same as `width` for a column never cut. */
  readonly min: number;
  /** Higher is kept longer: when even the narrowest columns do not fit, the lowest goes first. */
  readonly keep: number;
  readonly align?: 'left' | 'right';
  /** Colour for the cell, added after it is cut and padded. */
  readonly paint?: (text: string, row: Row, style: Style) => string;
}

/** The columns shown and the width of each, for a table of `width` columns at most. */
export interface TableLayout<Row> {
  readonly columns: readonly { readonly column: Column<Row>; readonly width: number }[];
}

const gap = '  ';

/**
 * Fits columns to `width`: columns are dropped, least kept first, until the
 * narrowest form of the rest fits; then each column, most kept first, gets
 * back what room is left, up to its full width. Order on screen is kept.
 */
export function layoutTable<Row>(columns: readonly Column<Row>[], width: number): TableLayout<Row> {
  const shown = [...columns];
  const needed = (list: readonly Column<Row>[]): number =>
    list.reduce((sum, c) => sum + c.min, 0) + gap.length * Math.max(0, list.length - 1);
  while (shown.length > 1 && needed(shown) > width) {
    const least = shown.reduce((a, b) => (b.keep < a.keep ? b : a));
    shown.splice(shown.indexOf(least), 1);
  }
  const widths = new Map(shown.map((c) => [c, c.min]));
  let room = width - needed(shown);
  for (const c of [...shown].sort((a, b) => b.keep - a.keep)) {
    const more = Math.max(0, Math.min(room, c.width - c.min));
    widths.set(c, c.min + more);
    room -= more;
  }
  return { columns: shown.map((c) => ({ column: c, width: widths.get(c) ?? c.min })) };
}

/** Text cut to `width` display columns (with `…` when cut), then padded to it. */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const { truncated, index } = truncatedWidth(text, { limit: width, ellipsis: '…' });
  const cut = truncated ? `${text.slice(0, index)}…` : text;
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'right' ? pad + cut : cut + pad;
}

/** The header line of a laid-out table (not painted). */
export function tableHeader<Row>(layout: TableLayout<Row>): string {
  return layout.columns
    .map(({ column, width }) => fitCell(column.header, width, column.align))
    .join(gap)
    .trimEnd();
}

/** One row of a laid-out table. */
export function tableRow<Row>(layout: TableLayout<Row>, row: Row, style: Style): string {
  return layout.columns
    .map(({ column, width }, i) => {
      const text = fitCell(column.cell(row), width, column.align);
      const last = i === layout.columns.length - 1;
      const shown = last ? text.trimEnd() : text;
      return column.paint === undefined ? shown : column.paint(shown, row, style);
    })
    .join(gap);
}
