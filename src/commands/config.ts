import { existsSync } from 'node:fs';
import type { Settings } from '../core/config';
import type { Style } from '../render/style';
import { safe, safeJson } from '../render/terminal-safe';

/** `clientfit config`: each effective setting, its value and where it came from. */
export function showConfig(settings: Settings, file: string, json: boolean, style: Style): string {
  const entries = Object.entries(settings) as [keyof Settings, Settings[keyof Settings]][];
  if (json) {
    return `${safeJson({ configFile: file, configFileExists: existsSync(file), settings: Object.fromEntries(entries.map(([k, s]) => [k, { value: s.value, source: s.source, from: s.from }])) })}\n`;
  }
  const lines = [style.dim(`config file: ${safe(file)}${existsSync(file) ? '' : ' (none)'}`)];
  for (const [key, s] of entries)
    lines.push(`${style.bold(key.padEnd(7))} ${safe(s.value)}  ${style.dim(`(${s.source}${s.source === 'default' ? '' : `: ${safe(s.from)}`})`)}`);
  lines.push(
    '',
    style.dim(
      'Precedence: flags, then environment (CLIENTFIT_BANK, CLIENTFIT_STORE, CLIENTFIT_FORMAT, NO_COLOR, FORCE_COLOR), then the config file, then defaults.',
    ),
  );
  return `${lines.join('\n')}\n`;
}
