import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cssString, htmlLines, htmlPage, htmlText } from '../../src/render/html';
import { rawControl } from '../helpers/in-process';

describe('htmlText, htmlLines: text from outside as HTML text', () => {
  it.each([
    ['<script>alert(1)</script>', '&#60;script&#62;alert(1)&#60;/script&#62;'],
    ['<img src=x onerror="alert(1)">', '&#60;img src=x onerror=&#34;alert(1)&#34;&#62;'],
    ["Tom & Jerry's", 'Tom &#38; Jerry&#39;s'],
    ['&lt; stays text', '&#38;lt; stays text'],
    ['a\u001b]52;c;aGk=\u0007b', 'a^[]52;c;aGk=^Gb'],
    ['\u202Egnp.exe', '\\u{202E}gnp.exe'],
    ['two\nlines', 'two^Jlines'],
  ])('%j → %j', (input, expected) => {
    expect(htmlText(input)).toBe(expected);
  });

  it('htmlLines keeps line breaks, and only those', () => {
    expect(htmlLines('one <b>\r\ntwo\u0007')).toBe('one &#60;b&#62;\ntwo^G');
  });

  it('never lets a tag, an attribute quote, an entity of the input or a control character through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const out of [htmlText(text), htmlLines(text)]) {
          expect(out).not.toMatch(/[<>"']/);
          expect(out.replace(/&#\d+;/g, '')).not.toContain('&');
          expect(out.replace(/\n/g, '')).not.toMatch(rawControl);
        }
      }),
    );
  });
});

describe('cssString: text as a CSS string for the running head', () => {
  it('holds only letters, digits and six-digit escapes, whatever the text', () => {
    expect(cssString('Acme "Ltd" </style>')).toBe(
      '"Acme\\000020\\000022Ltd\\000022\\000020\\00003c\\00002fstyle\\00003e"',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(cssString(text)).toMatch(/^"(?:[A-Za-z0-9]|\\[0-9a-f]{6})*"$/);
      }),
    );
  });
});

describe('htmlPage', () => {
  it('allows its one style element by hash, and nothing else', () => {
    const page = htmlPage({
      title: '<t>',
      runningHead: 'head',
      firstPageHead: true,
      body: '<p>x</p>',
    });
    const style = /<style>([\s\S]*)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'">`,
    );
    expect(page).toContain('<title>&#60;t&#62;</title>');
    expect(style).toContain('@top-left { content: "head"; }');
    expect(htmlPage({ title: 't', runningHead: 'a: b', firstPageHead: true, body: '' })).toContain(
      'content: "a\\00003a\\000020b";',
    );
    expect(style).not.toContain('@page :first');
    expect(htmlPage({ title: 't', runningHead: 'h', firstPageHead: false, body: '' })).toContain(
      '@page :first { @top-left { content: none; } }',
    );
  });
});
