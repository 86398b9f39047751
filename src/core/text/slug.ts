/**
 * Lower-case ASCII words joined by hyphens, at most `max` characters:
 * "Café Nord & Co." → "cafe-nord-co". Empty when nothing is left.
 */
export function slugify(text: string, max = 64): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** A slug for a file name: the prospect's name, or "prospect" when it has none. */
export function fileSlug(prospect: string | null): string {
  const s = slugify(prospect ?? '', 30);
  return s === '' ? 'prospect' : s;
}
