import { colorFromEnv, colorOn } from '../core/color';
import { colorMark } from './terminal-safe';

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

/**
 * One SGR attribute: opened, closed, and reopened after any inner close of
 * the same kind (so `bold(\`a ${dim('b')} c\`)` stays bold on c), as chalk does.
 */
function paint(open: number, close: number): (s: string) => string {
  const on = colorMark(open);
  const off = colorMark(close);
  return (s) => `${on}${s.replaceAll(off, off + on)}${off}`;
}

const colors: Style = {
  bold: paint(1, 22),
  dim: paint(2, 22),
  red: paint(31, 39),
  green: paint(32, 39),
  yellow: paint(33, 39),
  cyan: paint(36, 39),
};

/**
 * A style with ANSI colours (16 colours, safe everywhere). It writes colour
 * marks, which only the output streams turn into escape sequences (see
 * terminalText), so no text can bring escape sequences of its own.
 */
export function colorStyle(): Promise<Style> {
  return Promise.resolve(colors);
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
