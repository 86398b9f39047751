export const colorModes = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof colorModes)[number];

/**
 * What the environment says about colour, and which variable said it:
 * NO_COLOR (any non-empty value) turns it off, then FORCE_COLOR ("0" or
 * "false" off, anything else on), then TERM=dumb off; otherwise nothing.
 */
export function colorFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): { mode: ColorMode; from: string } | undefined {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { mode: 'never', from: 'NO_COLOR' };
  if (env.FORCE_COLOR !== undefined)
    return {
      mode: env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 'never' : 'always',
      from: 'FORCE_COLOR',
    };
  if (env.TERM === 'dumb') return { mode: 'never', from: 'TERM=dumb' };
  return undefined;
}

/**
 * Whether a stream gets colour in a mode: always, never, or (auto) only on a
 * terminal. `isTTY` is asked only in auto mode.
 */
export function colorOn(mode: ColorMode, isTTY: () => boolean): boolean {
  return mode === 'always' || (mode === 'auto' && isTTY());
}
