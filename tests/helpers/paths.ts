import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
/** The shipped bank. */
export const shippedBankDir = fileURLToPath(
  new URL('../../questions/three-degrees/', import.meta.url),
);
/** The built binary's shim. */
export const binPath = fileURLToPath(new URL('../../bin/clientfit.js', import.meta.url));
