import type { Diagnostic, PathSegment, SourcePosition } from '../diagnostics/diagnostic';
import { suggestion } from '../diagnostics/did-you-mean';
import type { OutcomeValue } from './outcome';
import { maxNoteLength, parseOutcomeDate, parseOutcomeValue } from './outcome';
import type { Cell } from './parse-csv';
import { parseCsv } from './parse-csv';

/** One row of an outcomes file (a CRM or spreadsheet export), checked, with its line. */
export interface OutcomeRow {
  readonly line: number;
  /** How the row names its record: by id (or an unambiguous start of one), or by prospect. */
  readonly ref: { readonly by: 'record' | 'prospect'; readonly text: string };
  readonly value: OutcomeValue;
  /** YYYY-MM-DD; undefined: the day of the import. */
  readonly date: string | undefined;
  readonly note: string | undefined;
}

/** The columns (CSV) or keys (YAML) an outcomes file may have. */
export const outcomeColumns = ['record', 'prospect', 'outcome', 'date', 'note'] as const;
const columnList = outcomeColumns.join(', ');

/** A problem in an outcomes file, located. */
function problem(
  file: string,
  at: SourcePosition | undefined,
  path: readonly PathSegment[],
  message: string,
  hint?: string,
): Diagnostic {
  return {
    severity: 'error',
    code: 'outcome-row',
    file,
    path,
    message,
    ...(at === undefined ? {} : { line: at.line, column: at.column }),
    ...(hint === undefined ? {} : { hint }),
  };
}

/** Checks one row's fields (record or prospect, outcome, date, note); `today` bounds the date. */
function checkFields(
  get: (key: (typeof outcomeColumns)[number]) => string | undefined,
  line: number,
  today: string,
  report: (key: (typeof outcomeColumns)[number], message: string, hint?: string) => void,
): OutcomeRow | undefined {
  const record = get('record')?.trim() ?? '';
  const prospect = get('prospect')?.trim() ?? '';
  const valueText = get('outcome')?.trim() ?? '';
  const dateText = get('date')?.trim() ?? '';
  const note = get('note')?.trim() ?? '';
  let ok = true;
  if (record === '' && prospect === '') {
    report('record', 'the row names no record: fill in "record" (an id) or "prospect" (a name)');
    ok = false;
  }
  let value: OutcomeValue | undefined;
  if (valueText === '') {
    report('outcome', 'the row has no outcome');
    ok = false;
  } else {
    const parsed = parseOutcomeValue(valueText);
    if ('problem' in parsed) {
      report('outcome', parsed.problem, parsed.hint);
      ok = false;
    } else value = parsed.value;
  }
  let date: string | undefined;
  if (dateText !== '') {
    const parsed = parseOutcomeDate(dateText, today);
    if ('problem' in parsed) {
      report(
        'date',
        parsed.problem,
        'a day like 2026-05-31, today or earlier; leave it empty for today',
      );
      ok = false;
    } else date = parsed.date;
  }
  if (note.length > maxNoteLength) {
    report(
      'note',
      `the note is ${note.length} characters; an outcome keeps at most ${maxNoteLength}`,
    );
    ok = false;
  }
  if (!ok || value === undefined) return undefined;
  return {
    line,
    ref: record !== '' ? { by: 'record', text: record } : { by: 'prospect', text: prospect },
    value,
    date,
    note: note === '' ? undefined : note,
  };
}

/** The checked rows of an outcomes file, and every problem in it (each with its line). */
export interface OutcomeRows {
  readonly rows: OutcomeRow[];
  readonly problems: Diagnostic[];
}

/** The columns a CSV header names (by name, their index), and every problem with them. */
function headerColumns(
  header: { readonly line: number; readonly cells: readonly Cell[] },
  file: string,
): { columns: Map<string, number>; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const columns = new Map<string, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.text.trim().toLowerCase();
    const known = outcomeColumns.find((c) => c === name);
    if (known === undefined)
      problems.push(
        problem(
          file,
          { line: header.line, column: 1 },
          [index],
          `unknown column "${cell.text}"`,
          cell.text.includes(';')
            ? 'the fields seem to be separated by ";": ' +
                `save the file as CSV with commas (the columns are: ${columnList})`
            : `${suggestion(name, outcomeColumns) ?? ''} the columns are: ${columnList}`.trim(),
        ),
      );
    else if (columns.has(known))
      problems.push(
        problem(
          file,
          { line: header.line, column: 1 },
          [index],
          `the column "${known}" appears twice`,
        ),
      );
    else columns.set(known, index);
  });
  if (!columns.has('outcome'))
    problems.push(
      problem(
        file,
        { line: header.line, column: 1 },
        [],
        'there is no "outcome" column',
        `the columns are: ${outcomeColumns.join(', ')}`,
      ),
    );
  if (!columns.has('record') && !columns.has('prospect'))
    problems.push(
      problem(
        file,
        { line: header.line, column: 1 },
        [],
        'there is neither a "record" nor a "prospect" column',
        'name each record by its id ("record") or its prospect ("prospect")',
      ),
    );
  return { columns, problems };
}

/** Reads a CSV outcomes file: a header row naming the columns, then one outcome per row. */
export function outcomeRowsFromCsv(text: string, file: string, today: string): OutcomeRows {
  const parsed = parseCsv(text);
  if ('problem' in parsed)
    return { rows: [], problems: [problem(file, parsed.at, [], parsed.problem)] };
  const [header, ...body] = parsed.rows;
  if (header === undefined)
    return {
      rows: [],
      problems: [
        problem(
          file,
          { line: 1, column: 1 },
          [],
          'the file is empty',
          'the first row names the columns: record or prospect, outcome, date, note',
        ),
      ],
    };
  const { columns, problems } = headerColumns(header, file);
  // Without these columns no row can be read; with a column too many, the rows are still checked.
  if (!columns.has('outcome') || (!columns.has('record') && !columns.has('prospect')))
    return { rows: [], problems };
  const rows: OutcomeRow[] = [];
  for (const row of body) {
    if (row.cells.length !== header.cells.length)
      problems.push(
        problem(
          file,
          { line: row.line, column: 1 },
          [],
          `the row has ${row.cells.length} fields; the header has ${header.cells.length}`,
          'quote a field that holds a comma: "a, b"',
        ),
      );
    const get = (key: (typeof outcomeColumns)[number]): string | undefined => {
      const index = columns.get(key);
      return index === undefined ? undefined : row.cells[index]?.text;
    };
    const checked = checkFields(get, row.line, today, (key, message, hint) => {
      problems.push(
        problem(
          file,
          { line: row.cells[columns.get(key) ?? 0]?.line ?? row.line, column: 1 },
          [key],
          message,
          hint,
        ),
      );
    });
    if (checked !== undefined && row.cells.length === header.cells.length) rows.push(checked);
  }
  return { rows, problems };
}

/**
 * Reads a YAML outcomes file's data: a list of maps with the same keys as the
 * CSV columns (or a map whose `outcomes` key holds that list).
 */
export function outcomeRowsFromData(
  data: unknown,
  file: string,
  today: string,
  locate: (path: readonly PathSegment[], options?: { key?: boolean }) => SourcePosition | undefined,
): OutcomeRows {
  const listPath: PathSegment[] = Array.isArray(data) ? [] : ['outcomes'];
  const list: unknown = Array.isArray(data)
    ? (data as unknown[])
    : data !== null && typeof data === 'object'
      ? (data as { outcomes?: unknown }).outcomes
      : undefined;
  if (!Array.isArray(list))
    return {
      rows: [],
      problems: [
        problem(
          file,
          locate([]) ?? { line: 1, column: 1 },
          [],
          'expected a list of outcomes',
          'each item: { record: ID or prospect: NAME, ' +
            'outcome: VALUE, date: YYYY-MM-DD, note: TEXT }',
        ),
      ],
    };
  const rows: OutcomeRow[] = [];
  const problems: Diagnostic[] = [];
  list.forEach((item: unknown, index) => {
    const path = [...listPath, index];
    const at = locate(path);
    const line = at?.line ?? 0;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(
        problem(
          file,
          at,
          path,
          'each outcome is a map: { record or prospect, outcome, date, note }',
        ),
      );
      return;
    }
    const map = new Map<string, unknown>(Object.entries(item));
    for (const key of map.keys())
      if (!(outcomeColumns as readonly string[]).includes(key))
        problems.push(
          problem(
            file,
            locate([...path, key], { key: true }),
            [...path, key],
            `unknown key "${key}"`,
            `${suggestion(key, outcomeColumns) ?? ''} the keys are: ${columnList}`.trim(),
          ),
        );
    for (const [key, v] of map)
      if (v !== null && typeof v !== 'string' && typeof v !== 'number')
        problems.push(
          problem(
            file,
            locate([...path, key]) ?? at,
            [...path, key],
            `"${key}" must be text, not a ${Array.isArray(v) ? 'list' : typeof v}`,
          ),
        );
    const get = (key: (typeof outcomeColumns)[number]): string | undefined => {
      const v = map.get(key);
      return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    };
    const checked = checkFields(get, line, today, (key, message, hint) => {
      problems.push(problem(file, locate([...path, key]) ?? at, [...path, key], message, hint));
    });
    if (checked !== undefined) rows.push(checked);
  });
  return { rows, problems };
}
