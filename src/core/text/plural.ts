/** A count with its noun, in the singular for one: `1 example`, `2 examples`, `0 examples`. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
