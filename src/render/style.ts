import { Chalk, supportsColor } from 'chalk';
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

export const plainStyle: Style = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};

/**
 * A style with chalk's colours. Whether to colour at all is our settings'
 * choice (flags, config, NO_COLOR: chalk 5 ignores NO_COLOR); the level is
 * chalk's own detection, at least 16 colours once colour was chosen. The
 * writer lets only colour sequences through (see terminalText).
 */
export function colorStyle(): Style {
  const chalk = new Chalk({
    level: supportsColor === false ? 1 : (Math.max(1, supportsColor.level) as 1 | 2 | 3),
  });
  return {
    bold: chalk.bold,
    dim: chalk.dim,
    red: chalk.red,
    green: chalk.green,
    yellow: chalk.yellow,
    cyan: chalk.cyan,
  };
}

/**
 * Whether to colour output before the settings are known (for errors met
 * while reading them): --color/--no-color win, then the environment, else
 * only on a terminal. The same rules as the colour setting, without the config file.
 */
export function wantsColor(
  flag: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: () => boolean,
): boolean {
  if (flag !== undefined) return flag;
  return colorOn(colorFromEnv(env)?.mode ?? 'auto', isTTY);
}
