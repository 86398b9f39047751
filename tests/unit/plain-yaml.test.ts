import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml/parse-yaml';
import { readPlainYaml, readPlainYamlSource } from '../../src/core/yaml/plain-yaml';
import { positionAt, yamlText } from '../../src/core/yaml/text';
import { defaultYamlLimits } from '../../src/core/limits';
import { readAnswersSource } from '../../src/io/read-answers';
import { yamlSuiteInputs } from '../helpers/corpus';
import { corpusDir, root } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

// readPlainYaml is a fast path: wherever it returns a value, that value must be
// exactly what the full reader gives, and it must cover the files people write.

const encoder = new TextEncoder();

/** The full reader's value for a text, or undefined when it refuses the text. */
function full(text: string): unknown {
  const result = parseYaml(encoder.encode(text), 'test.yaml');
  return result.ok ? result.source.data : undefined;
}

/** A value written out with its types, key order and prototypes. */
function shape(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shape).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? 'object' : 'other';
    return `${proto}{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${shape(v)}`)
      .join(',')}}`;
  }
  return `${typeof value}:${Object.is(value, -0) ? '-0' : JSON.stringify(value)}`;
}

/** Whether the fast path agrees with the full reader; returns true when it took the text. */
function agrees(text: string): boolean {
  const plain = readPlainYaml(text);
  if (plain === undefined) return false;
  const reference = full(text);
  expect(reference, `the full reader refuses what the fast path read:\n${text}`).not.toBeUndefined();
  // Same values, same key order, same kinds of objects (toStrictEqual would trip over a key named "constructor").
  expect(shape(plain), `the readers differ on:\n${text}`).toBe(shape(reference));
  expectSamePositions(text);
  return true;
}

/** Every path into the data (and one step past each value), as the diagnostics of an answers file use them. */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [[...prefix, 'no-such-key']];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  else paths.push([...prefix]);
  return paths;
}

/** How many positions the fast path gave and the full reader confirmed (so the check is seen to check). */
let placed = 0;

/** Wherever the fast path places a path, it places it where the full reader does. */
function expectSamePositions(text: string): void {
  const plain = readPlainYamlSource(text);
  const parsed = parseYaml(encoder.encode(text), 'test.yaml');
  const checked = yamlText(encoder.encode(text), 'test.yaml', defaultYamlLimits);
  if (plain === undefined || !parsed.ok || !checked.ok) return;
  for (const path of pathsOf(plain.data))
    for (const key of [false, true]) {
      if (key && path.length === 0) continue;
      const offset = plain.offset(path, { key });
      if (offset === undefined) continue;
      expect(positionAt(checked.starts, offset), `${JSON.stringify(path)} key=${key} in:\n${text}`).toEqual(parsed.source.locate(path, { key }));
      placed++;
    }
}

describe('the plain-YAML fast path', () => {
  it("reads the shipped samples and answers files in the template's shape, exactly as the full reader does", () => {
    const samples = readdirSync(join(root, 'questions', 'samples')).map((name) => readFileSync(join(root, 'questions', 'samples', name), 'utf8'));
    const template = [
      '# Answers for the bank "three-degrees".',
      '#   Keep the prospect\'s own words with:  id: { value: <answer>, note: "their words" }',
      'bank: three-degrees',
      'prospect: "Fjord & Sons, Ltd."',
      'answers:',
      '',
      '  # ── The request ──',
      '  request: { value: "A site: like theirs", note: \'It\'\'s what we "need"\' }',
      '  request-source: competitor   # the idea came from them',
      '  why-competitor:',
      '  valued: [our-craft, price]',
      '  empty-list: []',
      '  product-knowledge: 4',
      '  needs-endorsement: "no"',
      '  mistakes: unknown',
      '  notes: Call back after 3pm, ask for Ana — C# shop; 50% paid',
      '  tilde: ~',
      '  flag: true',
      '  zero: 0',
    ].join('\n');
    for (const text of [...samples, template]) expect(agrees(text)).toBe(true);
  });

  it('never disagrees with the full reader on the YAML test suite', () => {
    const files = yamlSuiteInputs();
    expect(files.length).toBeGreaterThanOrEqual(400);
    let taken = 0;
    for (const file of files) if (agrees(readFileSync(file, 'utf8'))) taken++;
    // Most of the suite is exactly what the fast path leaves alone; some plain mappings it does take.
    expect(taken).toBeGreaterThan(0);
  });

  it('never disagrees on the naughty strings, written as values every way an answers file can', () => {
    const naughty = JSON.parse(readFileSync(join(corpusDir, 'naughty-strings', 'blns.json'), 'utf8')) as string[];
    let taken = 0;
    for (const s of naughty) {
      const single = `'${s.replaceAll("'", "''")}'`;
      const forms = [
        `note: ${s}`,
        `note: ${JSON.stringify(s)}`,
        `note: ${single}`,
        `a:\n  q: { value: x, note: ${JSON.stringify(s)} }`,
        `a:\n  q: { value: ${s}, note: ${single} }`,
        `a:\n  q: [${s}, ${JSON.stringify(s)}]`,
        `${s}: 1`,
      ];
      for (const text of forms) if (agrees(text)) taken++;
    }
    expect(taken).toBeGreaterThan(naughty.length);
  });

  it('never disagrees on generated files with awkward keys, values, comments and indentation', () => {
    const tricky = fc.constantFrom(
      '-',
      '-3',
      '+',
      '.',
      '.5',
      '1e3',
      '0x1F',
      '0o17',
      '007',
      ':',
      ': ',
      '#',
      ' #',
      '"',
      "'",
      "''",
      '\\',
      '\\n',
      '\\u00e9',
      '\\x41',
      ',',
      '[',
      ']',
      '{',
      '}',
      '&',
      '*',
      '!',
      '|',
      '>',
      '%',
      '@',
      '`',
      '~',
      '?',
      'null',
      'true',
      'False',
      'yes',
      '\u00a0',
      '\u0085',
      '\u2028',
      '\t',
      '\r',
      '\u0007',
    );
    const safe = fc.constantFrom('a', 'Z', 'ok', 'word', 'a0', 'b7', 'c12', ' ', 'é', '—', '😀', 'C#', 'x:y', "it's", '50%');
    const piece = fc.oneof({ weight: 12, arbitrary: safe }, { weight: 1, arbitrary: tricky });
    const word = fc.array(piece, { minLength: 0, maxLength: 5 }).map((parts) => parts.join(''));
    const key = fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom('a', 'b', 'note', 'value', 'request-source', '$schema', 'x.y', 'constructor', 'toString') },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom('true', 'null', 'yes', '1', '-a', 'a b', '"a"'), word) },
    );
    const scalar = fc.oneof(
      word,
      word.map((w) => JSON.stringify(w)),
      word.map((w) => `'${w.replaceAll("'", "''")}'`),
      word.map((w) => `"${w}"`),
      fc.constantFrom('', '~', 'null', 'true', 'FALSE', '0', '42', '-1', '3.5'),
    );
    const flow = fc.oneof(
      fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc
        .array(
          fc.tuple(
            key,
            fc.oneof(
              scalar,
              fc.array(scalar, { maxLength: 2 }).map((items) => `[${items.join(',')}]`),
            ),
          ),
          { maxLength: 3 },
        )
        .map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
    );
    const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 2, arbitrary: flow }, { weight: 1, arbitrary: fc.constant('') });
    const trailer = fc.constantFrom('', '', '', '', '', ' # note', '  ', ' #', '#x');
    const entry = (indent: string) =>
      fc.tuple(key, fc.constantFrom(': ', ': ', ': ', ':  ', ':'), value, trailer).map(([k, colon, v, t]) => `${indent}${k}${colon}${v}${t}`);
    const noise = fc.constantFrom('', '# a comment', '  # indented comment', '   ', '---', '- item', '  - item', ' odd: indent', '\t# tab');
    // The answers file's shape: top-level keys, one nested block of entries, comments and blank lines between.
    const file = fc
      .tuple(
        fc.array(entry(''), { minLength: 1, maxLength: 3 }),
        key,
        fc.constantFrom('  ', '    ', '  '),
        fc.array(fc.oneof({ weight: 10, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: noise }), { minLength: 1, maxLength: 6 }),
        fc.array(entry('  '), { minLength: 1, maxLength: 6 }),
      )
      .map(([top, parent, childIndent, extras, children]) => {
        const lines = [...top, `${parent}:`, ...children.map((c) => c.replace(/^ {2}/, childIndent))];
        extras.forEach((extra, i) => {
          if (extra !== null) lines.splice(Math.min(lines.length, i * 2), 0, extra);
        });
        return lines.join('\n');
      });
    let taken = 0;
    let valid = 0;
    fc.assert(
      fc.property(file, (text) => {
        // Wherever the fast path reads a text the full reader refuses, agrees() fails.
        if (readPlainYaml(text) !== undefined) expect(full(text)).not.toBeUndefined();
        if (full(text) === undefined) return;
        valid++;
        if (agrees(text)) taken++;
      }),
      { numRuns: 3000, seed: 20261122 },
    );
    // The generator must make valid files, and the fast path must take most of them, or the property proves little.
    expect(valid).toBeGreaterThan(300);
    expect(taken / valid).toBeGreaterThan(0.3);
    expect(placed).toBeGreaterThan(3000);
  });

  it("answers files: the plain shape skips the YAML library, and mistakes still get the full reader's positions", async () => {
    const dir = tempDir();
    const plainFile = join(dir, 'plain.yaml');
    writeFileSync(plainFile, 'bank: three-degrees\nanswers:\n  request-source: competitor\n  valued: [price, nope]\n');
    const read = await readAnswersSource(plainFile, dir);
    if (!('source' in read) || read.precise === undefined) throw new Error('expected the plain reader to take this file');
    const exact = await read.precise();
    const reference = parseYaml(readFileSync(plainFile), 'plain.yaml');
    if (!reference.ok) throw new Error('expected the full reader to read it');
    expect(shape(read.source.data)).toBe(shape(reference.source.data));
    for (const path of [['answers', 'request-source'], ['answers', 'valued', 1], ['answers', 'missing'], ['bank']]) {
      expect(exact.locate(path)).toEqual(reference.source.locate(path));
      expect(exact.locate(path, { key: true })).toEqual(reference.source.locate(path, { key: true }));
    }
    expect(exact.locate(['answers', 'valued', 1])).toEqual({ line: 4, column: 19 });
    // Anything else goes straight to the full reader, positions and all.
    const blockFile = join(dir, 'block.yaml');
    writeFileSync(blockFile, 'answers:\n  valued:\n    - price\n');
    const block = await readAnswersSource(blockFile, dir);
    if (!('source' in block)) throw new Error('expected the full reader to read it');
    expect(block.precise).toBeUndefined();
    expect(block.source.locate(['answers', 'valued', 0])).toEqual({ line: 3, column: 7 });
  });
});
