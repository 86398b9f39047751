import * as z from 'zod/mini';

export const outputFormats = ['text', 'json', 'markdown', 'html'] as const;
export type { ColorMode } from './color';
import type { ColorMode } from './color';
import { colorFromEnv, colorModes } from './color';
import { once } from './once';

/** `$XDG_CONFIG_HOME/clientfit/config.yaml`: every key optional. */
function buildConfigSchema() {
  return z.strictObject({
    bank: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
    store: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
    format: z.optional(z.enum(outputFormats)),
    color: z.optional(z.enum(colorModes)),
    /** Who assesses, for the records (else git's user.name, else the login name). */
    by: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    /** false: the interview goes to the verdict without the review of every answer (as `run --no-review`). */
    review: z.optional(z.boolean()),
  });
}

/** The config file's schema, built on first use (only when there is a config file). */
export const configSchema = once(buildConfigSchema);

export type Config = z.infer<ReturnType<typeof configSchema>>;
export type OutputFormat = (typeof outputFormats)[number];

/** Where an effective setting came from. */
export type SettingSource = 'flag' | 'environment' | 'config file' | 'default';

export interface Setting<T> {
  readonly value: T;
  readonly source: SettingSource;
  /** The flag, variable or file that set it, for `clientfit config`. */
  readonly from: string;
}

export interface SettingInputs {
  readonly flags: {
    readonly bank?: string | undefined;
    readonly store?: string | undefined;
    readonly format?: OutputFormat | undefined;
    readonly color?: boolean | undefined;
  };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly config: Config;
  readonly configFile: string;
  readonly defaults: { readonly bank: string; readonly store: string };
}

export interface Settings {
  readonly bank: Setting<string>;
  readonly store: Setting<string>;
  readonly format: Setting<OutputFormat>;
  readonly color: Setting<ColorMode>;
}

const nonEmpty = (v: string | undefined): v is string => v !== undefined && v !== '';

/** A setting from the environment that clientfit cannot use. */
export interface EnvironmentProblem {
  readonly variable: string;
  readonly value: string;
  readonly allowed: readonly string[];
}

/**
 * The environment variables set to a value clientfit does not accept (an
 * empty variable counts as unset). Such a value is an error, as the same
 * value in the config file is, never a silent fallback.
 */
export function environmentProblems(
  env: Readonly<Record<string, string | undefined>>,
): EnvironmentProblem[] {
  const format = env.CLIENTFIT_FORMAT;
  if (nonEmpty(format) && !(outputFormats as readonly string[]).includes(format))
    return [{ variable: 'CLIENTFIT_FORMAT', value: format, allowed: outputFormats }];
  return [];
}

/**
 * Effective settings, each with where it came from. Precedence: flags, then
 * the environment, then the config file, then the defaults.
 */
export function resolveSettings(input: SettingInputs): Settings {
  const { flags, env, config, configFile } = input;
  const pick = <T>(
    flag: [T | undefined, string],
    variable: [T | undefined, string] | undefined,
    fromConfig: T | undefined,
    fallback: T,
  ): Setting<T> => {
    if (flag[0] !== undefined) return { value: flag[0], source: 'flag', from: flag[1] };
    if (variable !== undefined && variable[0] !== undefined)
      return { value: variable[0], source: 'environment', from: variable[1] };
    if (fromConfig !== undefined)
      return { value: fromConfig, source: 'config file', from: configFile };
    return { value: fallback, source: 'default', from: 'built in' };
  };
  const envFormat = env.CLIENTFIT_FORMAT;
  const format = (outputFormats as readonly string[]).includes(envFormat ?? '')
    ? (envFormat as OutputFormat)
    : undefined;
  const fromEnv = colorFromEnv(env);
  const envColor: [ColorMode | undefined, string] = [fromEnv?.mode, fromEnv?.from ?? ''];
  return {
    bank: pick(
      [nonEmpty(flags.bank) ? flags.bank : undefined, '--bank'],
      [nonEmpty(env.CLIENTFIT_BANK) ? env.CLIENTFIT_BANK : undefined, 'CLIENTFIT_BANK'],
      config.bank,
      input.defaults.bank,
    ),
    store: pick(
      [nonEmpty(flags.store) ? flags.store : undefined, '--store'],
      [nonEmpty(env.CLIENTFIT_STORE) ? env.CLIENTFIT_STORE : undefined, 'CLIENTFIT_STORE'],
      config.store,
      input.defaults.store,
    ),
    format: pick([flags.format, '--format'], [format, 'CLIENTFIT_FORMAT'], config.format, 'text'),
    color: pick(
      [
        flags.color === undefined ? undefined : flags.color ? 'always' : 'never',
        flags.color === false ? '--no-color' : '--color',
      ],
      envColor,
      config.color,
      'auto',
    ),
  };
}
