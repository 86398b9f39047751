import type { Settings } from '../core/config';
import type { Style } from './style';
import { safe, safeJson } from './terminal-safe';

/** The effective settings, each with its value and where it came from, as `clientfit config` shows them. */
export interface ConfigView {
  readonly settings: Settings;
  /** The config file, and whether it exists. */
  readonly file: string;
  readonly fileExists: boolean;
}

function renderText({ settings, file, fileExists }: ConfigView, style: Style): string {
  const entries = Object.entries(settings) as [keyof Settings, Settings[keyof Settings]][];
  const lines = [style.dim(`config file: ${safe(file)}${fileExists ? '' : ' (none)'}`)];
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

function renderJson({ settings, file, fileExists }: ConfigView): string {
  const entries = Object.entries(settings) as [keyof Settings, Settings[keyof Settings]][];
  return `${safeJson({ configFile: file, configFileExists: fileExists, settings: Object.fromEntries(entries.map(([k, s]) => [k, { value: s.value, source: s.source, from: s.from }])) })}\n`;
}

/** The settings as text or JSON. */
export const configRenderers = {
  text: (view: ConfigView, style: Style) => renderText(view, style),
  json: (view: ConfigView) => renderJson(view),
} satisfies Record<'text' | 'json', (view: ConfigView, style: Style) => string>;
