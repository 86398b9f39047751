import type { CST } from 'yaml';

/**
 * Where quotes and brackets open and whether they close, found in the syntax
 * tree once per file, only when an error needs it.
 */
export interface Openings {
  /** Quoted scalars: where the quote opens, where the text ends, and the quote character. */
  readonly quotes: readonly {
    readonly start: number;
    readonly end: number;
    readonly quote: string;
  }[];
  /** Where each `[` and each `{` opens that its own `]` or `}` never closes. */
  readonly brackets: {
    readonly '[': readonly { readonly start: number }[];
    readonly '{': readonly { readonly start: number }[];
  };
}

/** Every quoted scalar, and every [ and { that is never closed, in the order they open. */
export function findOpenings(tokens: readonly CST.Token[]): Openings {
  const quotes: { start: number; end: number; quote: string }[] = [];
  const brackets: { '[': { start: number }[]; '{': { start: number }[] } = { '[': [], '{': [] };
  // An explicit stack: the nesting is already bounded, but the walk must not recurse either way.
  const stack: CST.Token[] = [...tokens];
  for (let token = stack.pop(); token !== undefined; token = stack.pop()) {
    switch (token.type) {
      case 'document':
        if (token.value) stack.push(token.value);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (
          token.type === 'flow-collection' &&
          token.end[0]?.source !== (token.start.source === '[' ? ']' : '}')
        )
          brackets[token.start.source === '[' ? '[' : '{'].push({ start: token.start.offset });
        for (const item of token.items) {
          if (item.key) stack.push(item.key);
          if (item.value) stack.push(item.value);
        }
        break;
      case 'double-quoted-scalar':
      case 'single-quoted-scalar':
        quotes.push({
          start: token.offset,
          end: token.offset + token.source.length,
          quote: token.source[0] ?? '"',
        });
        break;
      default:
        break;
    }
  }
  quotes.sort((a, b) => a.start - b.start);
  brackets['['].sort((a, b) => a.start - b.start);
  brackets['{'].sort((a, b) => a.start - b.start);
  return { quotes, brackets };
}

/** The last item that starts at or before `offset` (the lists are sorted by start). */
export function lastBefore<T extends { readonly start: number }>(
  items: readonly T[],
  offset: number,
): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = items[mid];
    if (item !== undefined && item.start <= offset) {
      found = item;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
