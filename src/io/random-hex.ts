/**
 * Random hex digits for names that must not collide (records, drafts,
 * temporary files). They guard against collisions, not attackers: the files
 * are created exclusively (link, O_EXCL) anyway. Math.random is seeded by V8
 * from the operating system in every process; node:crypto would add about
 * 2.5 ms of loading to every run for no gain here.
 */
export function randomHex(digits: number): string {
  let out = '';
  while (out.length < digits)
    out += Math.floor(Math.random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, digits);
}
