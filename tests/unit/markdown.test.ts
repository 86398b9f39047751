import { describe, expect, it } from 'vitest';
import { markdownText } from '../../src/render/markdown-text';
import { csvCell } from '../../src/render/history';

describe('markdownText', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['**bold** _em_ `code` ~~x~~', '\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~x\\~\\~'],
    ['a | b', 'a \\| b'],
    ['# heading', '\\# heading'],
    ['line one\nline two', 'line one^Jline two'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['\u001b[31mred', '^\\[\\[31mred'],
  ])('%j → %j', (input, output) => {
    expect(markdownText(input)).toBe(output);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['@cmd', "'@cmd"],
    ['bell\u0007', 'bell^G'],
    [0.78, '0.78'],
  ] as const)('%j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });
});
