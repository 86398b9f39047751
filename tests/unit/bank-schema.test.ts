import { describe, expect, it } from 'vitest';
import { loadMini, miniManifest, miniSection } from '../helpers/mini-bank';

function diagnostics(overrides: Parameters<typeof loadMini>[0]) {
  return loadMini(overrides).diagnostics;
}

describe('the bank format (schema)', () => {
  it('loads the mini bank with no diagnostic but the one that says it is in format 1', () => {
    const loaded = loadMini();
    expect(loaded.diagnostics.map((d) => [d.severity, d.code, d.file, d.line])).toEqual([
      ['warning', 'format-1', 'bank.yaml', 1],
    ]);
    expect(loaded.bank?.questions.map((q) => q.id)).toEqual([
      'source',
      'why',
      'owner',
      'knowledge',
      'notes',
    ]);
    expect(loaded.bank?.files).toEqual(['bank.yaml', '10-questions.yaml']);
    expect(loaded.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  const cases: [
    string,
    { manifest?: string; section?: string },
    { file: string; line: number; code: string; message: RegExp; hint?: RegExp },
  ][] = [
    [
      'a misspelt key, with a suggestion',
      { section: miniSection.replace('    prompt: Why?', '    promt: Why?') },
      {
        file: '10-questions.yaml',
        line: 11,
        code: 'unknown-key',
        message: /unknown key "promt" in "questions\[1\]" \(id "why"\)/,
        hint: /did you mean "prompt"\?/,
      },
    ],
    [
      'a missing key',
      { section: miniSection.replace('    prompt: Notes\n', '') },
      {
        file: '10-questions.yaml',
        line: 30,
        code: 'missing-key',
        message: /"questions\[4\]" \(id "notes"\) is missing "prompt"/,
      },
    ],
    [
      'a misspelt question type',
      { section: miniSection.replace('type: yes-no', 'type: yesno') },
      {
        file: '10-questions.yaml',
        line: 16,
        code: 'invalid-value',
        message: /"type" is "yesno", which is not one of: single, multiple, yes-no, text, scale/,
        hint: /did you mean "yes-no"\?/,
      },
    ],
    [
      'a bad recommendation',
      { manifest: miniManifest.replace('recommendation: take\n', 'recommendation: accept\n') },
      {
        file: 'bank.yaml',
        line: 11,
        code: 'invalid-value',
        message: /"accept", which is not one of: take, take-with-conditions, decline/,
      },
    ],
    [
      'an id with capitals and spaces',
      { section: miniSection.replace('id: notes', 'id: Extra Notes') },
      {
        file: '10-questions.yaml',
        line: 30,
        code: 'invalid-id',
        message: /"Extra Notes" is not a valid id/,
        hint: /e\.g\. "extra-notes"/,
      },
    ],
    [
      'a condition with a misspelt operator',
      {
        section: miniSection.replace(
          'when: { question: source, equals: competitor }',
          'when: { question: source, equal: competitor }',
        ),
      },
      {
        file: '10-questions.yaml',
        line: 18,
        code: 'unknown-key',
        message: /unknown key "equal"/,
        hint: /did you mean "equals"\?/,
      },
    ],
    [
      'an error inside a nested condition',
      {
        section: miniSection.replace(
          'when: { question: source, equals: competitor }',
          'when: { all: [{ flag: Owns It }] }',
        ),
      },
      {
        file: '10-questions.yaml',
        line: 18,
        code: 'invalid-id',
        message: /"Owns It" is not a valid id/,
      },
    ],
    [
      'an expression string instead of a condition',
      {
        section: miniSection.replace(
          'when: { question: source, equals: competitor }',
          'when: "source == \'competitor\'"',
        ),
      },
      {
        file: '10-questions.yaml',
        line: 18,
        code: 'invalid-shape',
        message: /"questions\[2\]\.when" is the text .* which is not allowed here/,
      },
    ],
    [
      'a weight out of range',
      {
        section: miniSection.replace(
          'signals: { open: 3 } }\n      - { value: competitor',
          'signals: { open: 30 } }\n      - { value: competitor',
        ),
      },
      { file: '10-questions.yaml', line: 7, code: 'too-large', message: /must be at most 10/ },
    ],
    [
      'one degree only',
      {
        manifest: miniManifest.replace(
          / {2}- id: fixed[\s\S]*?conditions: \[They own the result\.\] \}\n/,
          '',
        ),
      },
      {
        file: 'bank.yaml',
        line: 7,
        code: 'too-small',
        message: /"degrees" needs at least 2 items/,
      },
    ],
    [
      'a wrong format version',
      { manifest: miniManifest.replace('clientfit: 1', 'clientfit: 3') },
      {
        file: 'bank.yaml',
        line: 1,
        code: 'invalid-value',
        message:
          /"clientfit" is the number 3, which is not one of: 2, 1; this file was written for a newer clientfit$/,
        hint: /^update clientfit to a version that reads format 3 \(this one reads 2 and 1\)$/,
      },
    ],
    [
      'a format version in quotes',
      { manifest: miniManifest.replace('clientfit: 1', 'clientfit: "2"') },
      {
        file: 'bank.yaml',
        line: 1,
        code: 'invalid-value',
        message: /^"clientfit" is the text "2": it must be the number 2, unquoted$/,
        hint: /^remove the quotes: clientfit: 2$/,
      },
    ],
    [
      'an empty condition',
      { manifest: miniManifest.replace('when: { flag: blames-us }', 'when: {}') },
      {
        file: 'bank.yaml',
        line: 24,
        code: 'empty-map',
        message:
          /^"rules\[0\]\.when" is an empty condition \(\{\}\), but it needs one of: .*\bquestion\b/,
        hint: /^write a map with one of: .*\bflag\b/,
      },
    ],
    [
      'a list where a map belongs',
      { section: miniSection.replace('scale: { min: 1, max: 5 }', 'scale: [1, 5]') },
      {
        file: '10-questions.yaml',
        line: 26,
        code: 'wrong-type',
        message: /should be a map, but it is a list/,
      },
    ],
  ];
  it.each(cases)('%s', (_name, overrides, expected) => {
    const found = diagnostics(overrides);
    const d = found.find((x) => x.code === expected.code);
    expect(d, JSON.stringify(found, null, 1)).toBeDefined();
    expect(d?.file).toBe(expected.file);
    expect(d?.line).toBe(expected.line);
    expect(d?.message).toMatch(expected.message);
    if (expected.hint) expect(d?.hint).toMatch(expected.hint);
    expect(d?.severity).toBe('error');
  });

  it('reports the problems of every file in one run, ordered by file and line', () => {
    const found = diagnostics({
      manifest: miniManifest.replace('title: Mini bank', 'titel: Mini bank'),
      section: miniSection.replace('type: scale', 'type: slider'),
    });
    expect(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      '10-questions.yaml:23:11 invalid-value',
      'bank.yaml:1:1 missing-key',
      'bank.yaml:3:1 unknown-key',
    ]);
  });
});
