/**
 * What a printed command line is made of: how to call clientfit, and the
 * location flags the user gave (commands/program-name.ts makes them).
 */
export interface HintWords {
  /** `clientfit` or `node /abs/bin/clientfit.js` (see programName). */
  readonly program: string;
  /** ` --bank PATH` (absolute, with a leading space) when --bank was given, else empty. */
  readonly bankFlag: string;
  /** ` --store DIR` (absolute, with a leading space) when --store was given, else empty. */
  readonly storeFlag: string;
}
