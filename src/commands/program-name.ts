import { resolve } from 'node:path';
import { shellWord } from '../core/text/shell-word';
import type { HintWords } from '../use-cases/hint-words';
import { clientfitBin } from './package-root';

/**
 * How to call clientfit in a command line it prints (a resume hint, the next
 * steps of `init`), so that the command runs as printed from any folder.
 * Started through npx (npm runs `npx X` as `npm exec X`, and sets
 * `npm_command=exec` and `npm_lifecycle_event=npx` for it): `node BIN`, the
 * absolute path of the executable that is running. `npx clientfit` would work
 * only inside the clone; anywhere else npx asks the public registry for a
 * package of that name, which is missing or, worse, someone else's code.
 * Otherwise plain `clientfit` (installed on the PATH, or called by a script).
 * The one place this choice is made.
 */
export function programName(
  env: Readonly<Record<string, string | undefined>>,
  bin: string = clientfitBin,
): string {
  return env.npm_command === 'exec' || env.npm_lifecycle_event === 'npx'
    ? `node ${shellWord(bin)}`
    : 'clientfit';
}

/**
 * The words for the command lines a command prints: the location flags the
 * user gave are carried over, made absolute, so that a printed command
 * reaches the same bank and store from any folder.
 */
export function hintWords(
  env: Readonly<Record<string, string | undefined>>,
  flags: { readonly store?: string | undefined; readonly bank?: string | undefined },
  cwd: string,
  bin: string = clientfitBin,
): HintWords {
  const flag = (name: string, value: string | undefined): string =>
    value === undefined ? '' : ` ${name} ${shellWord(resolve(cwd, value))}`;
  return {
    program: programName(env, bin),
    bankFlag: flag('--bank', flags.bank),
    storeFlag: flag('--store', flags.store),
  };
}
