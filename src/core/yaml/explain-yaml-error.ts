import type { CST } from 'yaml';
import { findOpenings, lastBefore, type Openings } from './find-openings';
import { lineAround, nextContentLine, preview } from './line-around';

/**
 * A YAML syntax error in clientfit's words: a code, what is wrong, what to do,
 * and where (an offset into the text).
 */
export interface YamlExplanation {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  readonly offset: number;
  /** The parser cannot make sense of anything after this mistake: later problems are its echoes. */
  readonly runaway?: boolean;
}

/** What one of yaml's errors carries, and what explaining it may look at. */
interface YamlErrorContext {
  readonly code: string;
  readonly message: string;
  readonly at: number;
  readonly text: string;
  readonly openings: () => Openings;
}

const listIndentHint =
  'the items of one list start with "- " in the same column: line it up with the item above';
const syntaxHint =
  'check this line for a stray character, a missing space after ":" or "-", ' +
  'or text that needs quotes';

/**
 * Codes whose meaning the code alone gives: one explanation each. (yaml's
 * MISSING_CHAR, BAD_INDENT and the implicit-key codes each cover several
 * mistakes that only its message tells apart: see the functions below.)
 */
const byCode: Readonly<Record<string, (e: YamlErrorContext) => Omit<YamlExplanation, 'offset'>>> = {
  BAD_SCALAR_START: (e) => ({
    code: 'bad-value-start',
    message: `a value cannot start with ${e.text[e.at] ?? ''} unless it is in quotes`,
    hint: 'put the value in quotes',
  }),
  BAD_DQ_ESCAPE: () => ({
    code: 'bad-escape',
    message: 'this backslash sequence means nothing inside "…"',
    hint:
      'write \\\\ for a backslash, ' +
      "or put the text in single quotes ('…') where a backslash is just a backslash",
  }),
  BLOCK_IN_FLOW: () => ({
    code: 'block-in-brackets',
    message: 'inside [ … ] or { … }, items are written on one line, separated by commas',
    hint:
      'write the items with commas between them, ' +
      'or leave out the brackets and put each item on its own indented line',
  }),
  KEY_OVER_1024_CHARS: () => ({
    code: 'key-too-long',
    message: 'this key is longer than 1024 characters',
    hint: 'shorten the key (or check for a missing line break before it)',
  }),
  ...Object.fromEntries(
    [
      'UNEXPECTED_TOKEN',
      'MULTIPLE_ANCHORS',
      'MULTIPLE_TAGS',
      'ALIAS_PROPS',
      'BAD_PROP_ORDER',
      'BAD_DIRECTIVE',
      'IMPOSSIBLE',
    ].map((code) => [
      code,
      (e: YamlErrorContext) => ({
        code: 'yaml-syntax',
        message: `this is not valid YAML here: ${firstWords(e.message)}`,
        hint: syntaxHint,
      }),
    ]),
  ),
};

/**
 * Explains one of the yaml library's syntax errors in clientfit's words,
 * with what to do, at the place the author has to fix: an unclosed quote
 * where the quote opens (the library reports where the text runs out, often
 * the end of the file); an over-indented line at that line (the library
 * reports the value above it as "nested mappings are not allowed in compact
 * mappings"); an unclosed `[` or `{` where it opens. Undefined for codes
 * handled elsewhere (duplicate keys, tabs, tags, aliases, documents).
 */
export function explainYamlError(
  error: {
    readonly code: string;
    readonly message: string;
    readonly pos: readonly [number, number];
  },
  text: string,
  tokens: readonly CST.Token[],
  memo: { openings?: Openings },
): YamlExplanation | undefined {
  const e: YamlErrorContext = {
    code: error.code,
    message: error.message,
    at: Math.min(error.pos[0], text.length),
    text,
    openings: () => (memo.openings ??= findOpenings(tokens)),
  };
  switch (error.code) {
    case 'MISSING_CHAR':
      return missingChar(e);
    case 'BAD_INDENT':
      return badIndent(e);
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return implicitKey(e);
    default: {
      const explain = byCode[error.code];
      return explain === undefined ? undefined : { ...explain(e), offset: e.at };
    }
  }
}

// yaml gives one code, MISSING_CHAR, for about ten different mistakes; only its message tells
// which.
function missingChar(e: YamlErrorContext): YamlExplanation | undefined {
  const { message, at, text } = e;
  if (/closing .?quote/i.test(message)) {
    const q = lastBefore(e.openings().quotes, at);
    const start = q?.start ?? at;
    const mark = q?.quote ?? (message.includes("'") ? "'" : '"');
    const inDouble = '(write \\" for a quote inside it)';
    const inSingle = "(write '' for a quote inside it)";
    return {
      code: 'unclosed-quote',
      message:
        `the quote ${mark} that opens here is never closed, ` +
        `so everything after it reads as part of the text: ${mark}${preview(text, start + 1)}`,
      hint: `end the text with ${mark} on this line ${mark === '"' ? inDouble : inSingle}`,
      offset: start,
      runaway: true,
    };
  }
  if (/must end with a [\]}]/.test(message)) return unclosedBracket(e.openings(), at, message);
  const simple = (code: string, what: string, hint: string): YamlExplanation => ({
    code,
    message: what,
    hint,
    offset: at,
  });
  if (/Implicit map keys need to be followed by map values/.test(message))
    return simple(
      'missing-colon',
      'this line has no ":", so it is neither a "key: value" pair nor a list item',
      'write "key: value"; if it continues the text of the line above, ' +
        'indent it further than that key, or put the text in quotes',
    );
  if (/Sequence item without - indicator/.test(message))
    return simple(
      'missing-dash',
      'this line stands among list items but does not start with "- "',
      'start it with "- ", lined up with the items above',
    );
  if (/Missing , /.test(message))
    return simple(
      'missing-comma',
      'two items of a [ … ] or { … } list have no comma between them',
      'separate the items with ", " (and put text that holds a comma or a colon in quotes)',
    );
  if (/Comments must be separated/.test(message))
    return simple(
      'comment-spacing',
      'a "#" right after a value starts neither a comment nor the value',
      'put a space before the "#", or the whole value in quotes',
    );
  return undefined;
}

// BAD_INDENT, too, covers an unclosed bracket, a misaligned item and other indentation.
function badIndent(e: YamlErrorContext): YamlExplanation {
  const { message, at, text } = e;
  if (/must be sufficiently indented and end with a [\]}]/.test(message))
    return unclosedBracket(e.openings(), at, message);
  if (/must start at the same column/.test(message)) {
    const line = lineAround(text, at);
    return {
      code: 'bad-indent',
      message: 'this line is indented differently from the lines above it',
      hint: /sequence/i.test(message)
        ? listIndentHint
        : 'the keys of one map start in the same column: line it up with the key above it',
      offset: line.start + line.indent,
    };
  }
  return {
    code: 'bad-indent',
    message: 'this line is not indented the way the lines around it need',
    hint: 'indent it like the lines it belongs with, with spaces',
    offset: at,
  };
}

function implicitKey(e: YamlErrorContext): YamlExplanation {
  const { code, message, at, text } = e;
  const line = lineAround(text, at);
  if (/block sequence/i.test(message))
    return {
      code: 'bad-indent',
      message: 'this line is indented differently from the lines above it',
      hint: listIndentHint,
      offset: line.start + line.indent,
    };
  const rest = text.slice(at, line.end);
  const next = nextContentLine(text, at);
  // "name: a: b" — a colon and a space inside a value.
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && /:( |$)/.test(rest.trimEnd()) && !/^[-?]/.test(rest))
    return {
      code: 'colon-in-value',
      message: 'a ":" followed by a space inside this value makes it read as another "key: value"',
      hint: `put the whole value in quotes: "${preview(text, at).replace(/"/g, '\\"')}"`,
      offset: at,
    };
  // A line indented one space too far continues the value above instead of starting a key of
  // its own.
  if (next !== undefined && next.indent > line.indent)
    return {
      code: 'bad-indent',
      message:
        'this line is indented differently from the lines above it, ' +
        'so it reads as a continuation of the value above',
      hint:
        'line it up with the key above it; ' +
        'if it does continue that value, put the value in quotes',
      offset: next.start + next.indent,
    };
  return {
    code: 'bad-indent',
    message: 'a key here runs over more than one line',
    hint: 'write each "key: value" on a line of its own, lined up with the keys around it',
    offset: at,
  };
}

function unclosedBracket(openings: Openings, at: number, message: string): YamlExplanation {
  const close = message.trimEnd().slice(-1);
  const open = close === ']' ? '[' : '{';
  const bracket = lastBefore(openings.brackets[open], at);
  return {
    code: 'unclosed-bracket',
    message:
      `the ${open === '[' ? 'list' : 'map'} that opens here with ${open} ` +
      `is never closed with ${close}`,
    hint:
      `end it with ${close} on this line, ` +
      'or, over several lines, indent each further than its key',
    offset: bracket?.start ?? at,
    runaway: bracket !== undefined,
  };
}

/** The first line of the library's message, lower-cased at the start. */
function firstWords(message: string): string {
  const line = (message.split('\n')[0] ?? message).trim();
  return line.charAt(0).toLowerCase() + line.slice(1);
}
