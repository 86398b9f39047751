import { colorFromEnv, colorOn } from '../core/color';

/** The few colours the terminal renderers use; plain text when colour is off. */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const identity = (s: string): string => s;

export const plainStyle: Style = { bold: identity, dim: identity, red: identity, green: identity, yellow: identity, cyan: identity };

/** A style with ANSI colours (chalk level 1: 16 colours, safe everywhere); chalk is loaded only when colour is on. */
export async function colorStyle(): Promise<Style> {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { bold: (s) => c.bold(s), dim: (s) => c.dim(s), red: (s) => c.red(s), green: (s) => c.green(s), yellow: (s) => c.yellow(s), cyan: (s) => c.cyan(s) };
}

/**
 * Whether to colour output before the settings are known (for errors met
 * while reading them): --color/--no-color win, then the environment, else
 * only on a terminal. The same rules as the colour setting, without the config file.
 */
export function wantsColor(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, isTTY: () => boolean): boolean {
  if (flag !== undefined) return flag;
  return colorOn(colorFromEnv(env)?.mode ?? 'auto', isTTY);
}
