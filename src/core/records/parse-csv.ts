import type { SourcePosition } from '../diagnostics/diagnostic';

/** A cell of a CSV file and where it starts. */
export interface Cell {
  readonly text: string;
  readonly line: number;
}

const textAfterQuote =
  'text follows the closing quote of a field (a quote inside a field is written twice: "")';
const quoteInField =
  'a quote inside an unquoted field (quote the whole field, and write a quote in it twice: "")';

/**
 * Splits CSV text into rows of cells (RFC 4180): fields separated by commas,
 * records by CRLF or LF; a field in double quotes may hold commas, line
 * breaks and doubled quotes. Returns the rows, each with the line it starts
 * on, or the position of the first malformed quote. Blank lines are dropped.
 */
export function parseCsv(
  text: string,
):
  | { readonly rows: { readonly line: number; readonly cells: readonly Cell[] }[] }
  | { readonly problem: string; readonly at: SourcePosition } {
  const rows: { line: number; cells: Cell[] }[] = [];
  let cells: Cell[] = [];
  let line = 1;
  let rowLine = 1;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let lineStart = i;
  const endRow = (): void => {
    if (!(cells.length === 1 && cells[0]?.text === '')) rows.push({ line: rowLine, cells });
    cells = [];
  };
  for (;;) {
    const cellLine = line;
    let value = '';
    if (text[i] === '"') {
      const open = { line, column: i - lineStart + 1 };
      i++;
      for (;;) {
        if (i >= text.length) return { problem: 'a quoted field is never closed', at: open };
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += c ?? '';
        i++;
      }
      const next = text[i];
      if (i < text.length && next !== ',' && next !== '\n' && next !== '\r')
        return {
          problem: textAfterQuote,
          at: { line, column: i - lineStart + 1 },
        };
    } else {
      const start = i;
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"')
          return {
            problem: quoteInField,
            at: { line, column: i - lineStart + 1 },
          };
        i++;
      }
      value = text.slice(start, i);
    }
    cells.push({ text: value, line: cellLine });
    if (i >= text.length) {
      endRow();
      break;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    // A record ends at CRLF or LF.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    lineStart = i;
    endRow();
    rowLine = line;
    if (i >= text.length) break;
  }
  return { rows };
}
