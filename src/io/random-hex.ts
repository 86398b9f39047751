import { randomBytes } from 'node:crypto';

/** Random hex digits for names that must not collide (records, drafts, temporary files). */
export function randomHex(digits: number): string {
  return randomBytes(Math.ceil(digits / 2))
    .toString('hex')
    .slice(0, digits);
}
