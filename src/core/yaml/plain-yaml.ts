/**
 * A reader for the plain shape that answers files nearly always have: block
 * mappings of simple keys, one value per line — a plain word or sentence, a
 * quoted string, a one-line `{ … }` or `[ … ]` — and comments. On a cold
 * start it takes a fraction of the time of the full YAML reader (which would
 * be most of what `clientfit run --answers` spends), and needs no library.
 * It keeps the position of every key and of every value written on its key's
 * line, so the usual mistakes (an unknown question, a value that is not an
 * option) are located without the full reader; a path it cannot place
 * exactly (inside a one-line `{ … }`, an empty value) gives undefined, and
 * the file is then read again by the full reader (src/io/read-answers.ts).
 *
 * It reads only what it is sure of and returns undefined for everything else
 * (block sequences, multi-line scalars, anchors, tags, floats, escapes beyond
 * JSON's, duplicate keys, odd indentation…), and the full reader takes over.
 * Where it returns a value, that value is exactly the full reader's: the
 * tests check the two against each other on the YAML test suite, the naughty
 * strings and generated files.
 */

/** The most nesting this reader produces (answers → question → { value: [ … ] }). */
const plainYamlDepth = 4;

/* eslint-disable no-control-regex -- refusing control characters is the point */

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** Keys: a letter or $ first, then letters, digits, _ . $ -, and none of YAML's special words. */
const keyPattern = /^[A-Za-z$][A-Za-z0-9_.$-]*$/;
const specialWords = new Set([
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'y',
  'Y',
  'n',
  'N',
  'yes',
  'Yes',
  'YES',
  'no',
  'No',
  'NO',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
]);
const nullWords = new Set(['~', 'null', 'Null', 'NULL']);
const boolWords = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
/** Characters that start something other than a plain scalar, or that this reader leaves to the full one. */
const indicators = new Set(Array.from('-?:,[]{}#&*!|>\'"%@`=~.+0123456789'));
/** JSON's escapes, which YAML's double-quoted strings share. */
const jsonEscapes = /\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})/g;

class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

/** A plain scalar's value under the YAML 1.2 core schema, for the words this reader accepts. */
function plain(text: string): Value {
  if (text === '' || /[\s]$/.test(text)) return unsure();
  const first = text[0] ?? '';
  if (nullWords.has(text)) return null;
  const bool = boolWords.get(text);
  if (bool !== undefined) return bool;
  if (/^[1-9][0-9]{0,14}$|^0$/.test(text)) return Number(text);
  if (indicators.has(first)) return unsure();
  // ": " or a trailing ":" would make a mapping; " #" starts a comment (cut before this point).
  if (/:(\s|$)|\s#|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text)) return unsure();
  return text;
}

/** A double-quoted string with no escapes beyond JSON's, or a single-quoted one, starting at `text[0]`; returns the value and what follows. */
function quoted(text: string): [string, string] {
  if (text[0] === '"') {
    let i = 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) return unsure();
    const body = text.slice(1, i);
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(body) || body.replace(jsonEscapes, '').includes('\\')) return unsure();
    if (/\\u[dD][89a-fA-F]/.test(body)) return unsure(); // surrogate escapes: left to the full reader
    return [JSON.parse(`"${body}"`) as string, text.slice(i + 1)];
  }
  if (text[0] === "'") {
    let i = 1;
    let out = '';
    for (;;) {
      const close = text.indexOf("'", i);
      if (close < 0) return unsure();
      out += text.slice(i, close);
      if (text[close + 1] === "'") {
        out += "'";
        i = close + 2;
        continue;
      }
      if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(out)) return unsure();
      return [out, text.slice(close + 1)];
    }
  }
  return unsure();
}

/** Nothing may follow a value on its line but spaces and a comment. */
function endOfLine(rest: string): void {
  if (!/^(?: +#.*| *)$/.test(rest)) unsure();
}

/** One scalar inside a flow collection: quoted, or plain up to the next `,`, `]` or `}`. */
function flowScalar(text: string): [Value, string] {
  const trimmed = text.replace(/^ +/, '');
  if (trimmed[0] === '"' || trimmed[0] === "'") {
    const [value, rest] = quoted(trimmed);
    return [value, rest.replace(/^ +/, '')];
  }
  const end = trimmed.search(/[,\]}]/);
  if (end < 0) return unsure();
  const word = trimmed.slice(0, end).replace(/ +$/, '');
  if (/[[{#:]/.test(word)) return unsure();
  return [plain(word), trimmed.slice(end)];
}

/** `[a, b]` on one line, holding scalars only. */
function flowSequence(text: string): [Value[], string] {
  const items: Value[] = [];
  let rest = text.slice(1).replace(/^ +/, '');
  if (rest[0] === ']') return [items, rest.slice(1)];
  for (;;) {
    const [item, after] = flowScalar(rest);
    items.push(item);
    if (after[0] === ']') return [items, after.slice(1)];
    if (after[0] !== ',') return unsure();
    rest = after.slice(1).replace(/^ +/, '');
    if (rest[0] === ']' || rest === '') return unsure(); // a trailing comma: left to the full reader
  }
}

/** `{ key: value, … }` on one line, holding scalars and one-line sequences. */
function flowMapping(text: string): [Record<string, Value>, string] {
  const map: Record<string, Value> = {};
  let rest = text.slice(1).replace(/^ +/, '');
  if (rest[0] === '}') return [map, rest.slice(1)];
  for (;;) {
    const colon = rest.indexOf(':');
    if (colon < 0) return unsure();
    const key = rest.slice(0, colon);
    if (!keyPattern.test(key) || specialWords.has(key) || Object.hasOwn(map, key)) return unsure();
    if (rest[colon + 1] !== ' ') return unsure();
    rest = rest.slice(colon + 2).replace(/^ +/, '');
    let value: Value;
    if (rest[0] === '[') {
      const [items, after] = flowSequence(rest);
      value = items;
      rest = after.replace(/^ +/, '');
    } else {
      [value, rest] = flowScalar(rest);
    }
    map[key] = value;
    if (rest[0] === '}') return [map, rest.slice(1)];
    if (rest[0] !== ',') return unsure();
    rest = rest.slice(1).replace(/^ +/, '');
    if (rest[0] === '}' || rest === '') return unsure();
  }
}

/** The value written after `key: ` on the same line (the line's comment included). */
function inlineValue(text: string): Value {
  const first = text[0];
  if (first === '"' || first === "'") {
    const [value, rest] = quoted(text);
    endOfLine(rest);
    return value;
  }
  if (first === '{') {
    const [map, rest] = flowMapping(text);
    endOfLine(rest);
    return map;
  }
  if (first === '[') {
    const [items, rest] = flowSequence(text);
    endOfLine(rest);
    return items;
  }
  const comment = text.search(/ #/);
  return plain((comment < 0 ? text : text.slice(0, comment)).replace(/ +$/, ''));
}

interface Line {
  /** Offset of the line's first character in the text. */
  readonly start: number;
  readonly indent: number;
  readonly key: string;
  /** The rest of the line after `key:` and its spaces; '' or a comment when the value is on the lines below. */
  readonly rest: string;
}

/** The lines that carry content, each a `key:` line, or undefined when any line is something else. */
function contentLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const lineStart = start;
    start += line.length + 1;
    const content = line.replace(/^ +/, '');
    if (content === '' || content.startsWith('#')) {
      if (/[^\S ]/.test(line.replace(/#.*$/, ''))) unsure(); // whitespace other than spaces
      continue;
    }
    const match = /^([^:\s]+):(?: +(.*))?$/.exec(content);
    if (!match) return unsure();
    const key = match[1] ?? '';
    if (!keyPattern.test(key) || specialWords.has(key)) return unsure();
    lines.push({ start: lineStart, indent: line.length - content.length, key, rest: match[2] ?? '' });
  }
  return lines;
}

/** Where a key and its value are: offsets in the text; the value's children when it is a block mapping. */
interface Place {
  readonly key: number;
  /** The value's offset, or undefined when the reader cannot say exactly where the full reader would (an empty value). */
  readonly value: number | undefined;
  /** A one-line `{ … }` or `[ … ]`: positions inside it are left to the full reader. */
  readonly flow: boolean;
  readonly children: ReadonlyMap<string, Place> | undefined;
}

/** A text read by the plain reader: its data, and positions as the full reader gives them, where this reader is sure. */
export interface PlainYaml {
  readonly data: unknown;
  /**
   * The offset of the node at `path` (with `key`, of its last key), as the
   * full reader's locate finds it: the nearest existing ancestor when the
   * path goes further than the data. Undefined where this reader cannot be
   * sure of the full reader's answer.
   */
  readonly offset: (path: readonly (string | number)[], options?: { key?: boolean }) => number | undefined;
}

/**
 * The value of a YAML text in the plain shape described above, with the
 * positions of its keys and values, or undefined when the text is anything
 * else (the full reader decides then).
 */
export function readPlainYamlSource(text: string): PlainYaml | undefined {
  if (/[\t\r\u0000\u0085\u2028\u2029\ufeff]/.test(text) || /^(?:---|\.\.\.|%)/m.test(text)) return undefined;
  try {
    const lines = contentLines(text);
    if (lines.length === 0 || lines[0]?.indent !== 0) return undefined;
    let at = 0;
    /** A block mapping whose keys sit at `indent`, from line `at` on. */
    const mapping = (indent: number, depth: number): { map: Record<string, Value>; places: Map<string, Place> } => {
      if (depth > plainYamlDepth - 2) unsure();
      const map: Record<string, Value> = {};
      const places = new Map<string, Place>();
      while (at < lines.length) {
        const line = lines[at];
        if (line === undefined || line.indent < indent) break;
        if (line.indent > indent || Object.hasOwn(map, line.key)) unsure();
        at++;
        const key = line.start + line.indent;
        const rest = line.rest.startsWith('#') ? '' : line.rest;
        if (rest !== '') {
          map[line.key] = inlineValue(rest);
          // The value starts where `rest` does: after "key:" and its spaces.
          const value = text.indexOf(rest, key + line.key.length + 1);
          places.set(line.key, { key, value, flow: rest.startsWith('{') || rest.startsWith('['), children: undefined });
          continue;
        }
        const next = lines[at];
        if (next !== undefined && next.indent > indent) {
          const child = mapping(next.indent, depth + 1);
          map[line.key] = child.map;
          places.set(line.key, { key, value: next.start + next.indent, flow: false, children: child.places });
        } else {
          map[line.key] = null;
          places.set(line.key, { key, value: undefined, flow: false, children: undefined });
        }
      }
      return { map, places };
    };
    const root = mapping(0, 0);
    if (at !== lines.length) return undefined;
    const rootOffset = lines[0].start;
    const offset: PlainYaml['offset'] = (path, options) => {
      let places: ReadonlyMap<string, Place> | undefined = root.places;
      let current: number | undefined = rootOffset;
      let flow = false;
      for (let i = 0; i < path.length; i++) {
        if (places === undefined) {
          // A scalar (or nothing) where the path goes on: the full reader stops at it; inside `{ … }` it would not.
          return flow ? undefined : current;
        }
        const place: Place | undefined = places.get(String(path[i]));
        if (place === undefined) return current;
        if (i === path.length - 1 && options?.key === true) return place.key;
        current = place.value;
        if (current === undefined) return undefined;
        flow = place.flow;
        places = place.children;
      }
      return current;
    };
    return { data: root.map, offset };
  } catch {
    // Unsure, or anything unexpected: the full reader decides.
    return undefined;
  }
}

/**
 * The value of a YAML text in the plain shape described above, or undefined
 * when the text is anything else (the full reader decides then).
 */
export function readPlainYaml(text: string): unknown {
  return readPlainYamlSource(text)?.data;
}
