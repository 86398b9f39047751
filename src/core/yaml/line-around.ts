/**
 * The line of `text` around `offset`: where it starts and ends, and its
 * indentation. (Linear overall: the errors that need it come at most a few
 * per line, as block maps and lists are read line by line.)
 */
export function lineAround(
  text: string,
  offset: number,
): { start: number; end: number; indent: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  let indent = 0;
  while (text[start + indent] === ' ') indent++;
  return { start, end, indent };
}

/** The next line after the one at `offset` that holds more than spaces or a comment, if any. */
export function nextContentLine(
  text: string,
  offset: number,
): { start: number; indent: number } | undefined {
  let at = lineAround(text, offset).end + 1;
  while (at < text.length) {
    const line = lineAround(text, at);
    const first = text[line.start + line.indent];
    if (line.start + line.indent < line.end && first !== '#' && first !== '\r')
      return { start: line.start, indent: line.indent };
    at = line.end + 1;
  }
  return undefined;
}

/** A short, one-line preview of the text starting at `offset`. */
export function preview(text: string, offset: number, max = 30): string {
  const line = text
    .slice(offset, Math.min(lineAround(text, offset).end, offset + max + 1))
    .trimEnd();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
