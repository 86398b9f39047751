import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** clientfit's own folder: the nearest one above this file that holds questions/ (dist/ when built, src/ in tests). */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4 && !existsSync(join(dir, 'questions', 'three-degrees')); i++)
    dir = dirname(dir);
  return dir;
}

/** clientfit's own folder (a clone, or where npm installed it). */
export const packageRoot = findPackageRoot();

/** clientfit's executable in that folder, absolute. */
export const clientfitBin = join(packageRoot, 'bin', 'clientfit.js');
