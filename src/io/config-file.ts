import { existsSync } from 'node:fs';
import { homeDir } from './home-dir';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Config } from '../core/config';
import { configSchema } from '../core/config';
import { schemaDiagnostics } from '../core/diagnostics/schema-diagnostics';
import { defaultYamlLimits } from '../core/yaml/limits';
import { parseYaml } from '../core/yaml/parse-yaml';
import { inputError } from '../errors';
import { readInputFile } from './read-input';

type Env = Readonly<Record<string, string | undefined>>;

function xdg(env: Env, variable: string, fallback: string[]): string {
  const value = env[variable];
  return value !== undefined && isAbsolute(value) ? value : join(homeDir(), ...fallback);
}

/** The config file: $CLIENTFIT_CONFIG, else $XDG_CONFIG_HOME/clientfit/config.yaml (~/.config/clientfit/config.yaml). */
export function configPath(env: Env): string {
  const explicit = env.CLIENTFIT_CONFIG;
  if (explicit !== undefined && explicit !== '') return resolve(explicit);
  return join(xdg(env, 'XDG_CONFIG_HOME', ['.config']), 'clientfit', 'config.yaml');
}

/** Where records are kept by default: $XDG_DATA_HOME/clientfit/records (~/.local/share/clientfit/records). */
export function defaultStore(env: Env): string {
  return join(xdg(env, 'XDG_DATA_HOME', ['.local', 'share']), 'clientfit', 'records');
}

/** A path from the config file: `~/` is the home folder, a relative path is relative to the file's folder. */
function configRelative(path: string, file: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homeDir(), path.slice(1));
  return resolve(dirname(file), path);
}

/**
 * Reads the config file with the same hardened loader as banks. A missing
 * file is an empty config, unless CLIENTFIT_CONFIG named it: then the
 * variable points nowhere, and that is said (exit 3). A broken file stops
 * with located diagnostics.
 */
export function readConfig(file: string, env: Env = {}): Config {
  if (!existsSync(file)) {
    const named = env.CLIENTFIT_CONFIG;
    if (named !== undefined && named !== '')
      throw inputError(
        `CLIENTFIT_CONFIG names the config file ${file}, which does not exist`,
        [],
        `create that file, or unset CLIENTFIT_CONFIG to use ${join(xdg(env, 'XDG_CONFIG_HOME', ['.config']), 'clientfit', 'config.yaml')}`,
      );
    return {};
  }
  const read = readInputFile(file, file, defaultYamlLimits.maxBytes);
  if (!read.ok) throw inputError(`the config file ${file} cannot be read`, [read.diagnostic]);
  const parsed = parseYaml(read.bytes, file);
  if (!parsed.ok)
    throw inputError(
      `the config file ${file} is invalid`,
      parsed.diagnostics,
      'fix it, or move it aside',
    );
  if (parsed.source.data === null) return {};
  const schema = configSchema();
  const checked = schema.safeParse(parsed.source.data);
  if (!checked.success) {
    throw inputError(
      `the config file ${file} is invalid`,
      schemaDiagnostics(checked.error.issues, {
        source: parsed.source,
        schema,
        what: 'config file',
      }),
      'allowed keys: bank, store, format (text, json, markdown), color (auto, always, never), by (your name, for the records)',
    );
  }
  const config = checked.data;
  return {
    ...config,
    ...(config.bank === undefined ? {} : { bank: configRelative(config.bank, file) }),
    ...(config.store === undefined ? {} : { store: configRelative(config.store, file) }),
  };
}
