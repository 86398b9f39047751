import type { Settings } from '../core/config';
import type { Style } from './style';
import { safe, safeJson } from './terminal-safe';
import { displayWidth, wrapText } from './wrap-text';

/** The effective settings, each with its value and where it came from, as `clientfit config` shows them. */
export interface ConfigView {
  readonly settings: Settings;
  /** The config file, and whether it exists. */
  readonly file: string;
  readonly fileExists: boolean;
  /** Who the records name as assessor, and where that name came from. */
  readonly by: { readonly name: string | null; readonly from: string };
  /** The settings that are paths and name nothing that exists (bank, store). */
  readonly missing: readonly ('bank' | 'store')[];
}

/**
 * A setting: its name and value, then where it came from, on the same line
 * when it fits, else under it; a value too long for the name's line (a long
 * path) goes under the name.
 */
function settingLines(
  key: string,
  value: string,
  from: string,
  style: Style,
  width: number,
): string[] {
  const head = `${style.bold(key.padEnd(7))} ${value}`;
  const source = style.dim(`(${from})`);
  if (displayWidth(head) + 2 + displayWidth(source) <= width) return [`${head}  ${source}`];
  const under = (text: string, rest: number): string[] =>
    wrapText(text, { width, first: ' '.repeat(8), rest: ' '.repeat(rest) });
  const named = displayWidth(head) <= width ? [head] : [style.bold(key), ...under(value, 8)];
  return [...named, ...under(source, 9)];
}

function renderText(view: ConfigView, style: Style, width = 80): string {
  const { settings, file, fileExists, by } = view;
  const entries = Object.entries(settings) as [keyof Settings, Settings[keyof Settings]][];
  const lines = wrapText(style.dim(`config file: ${safe(file)}${fileExists ? '' : ' (none)'}`), {
    width,
    rest: '  ',
  });
  for (const [key, s] of entries) {
    const missing = (view.missing as readonly string[]).includes(key)
      ? style.yellow('  (does not exist)')
      : '';
    lines.push(
      ...settingLines(
        key,
        `${safe(s.value)}${missing}`,
        `${s.source}${s.source === 'default' ? '' : `: ${safe(s.from)}`}`,
        style,
        width,
      ),
    );
  }
  lines.push(
    ...settingLines(
      'by',
      by.name === null ? style.dim('nobody') : safe(by.name),
      safe(by.from),
      style,
      width,
    ),
  );
  const prose = [
    'Precedence: flags, then environment (CLIENTFIT_BANK, CLIENTFIT_STORE, CLIENTFIT_FORMAT, NO_COLOR, FORCE_COLOR), then the config file, then defaults.',
    "Paths are shown resolved: a relative bank or store in the config file is read from the config file's folder.",
  ];
  lines.push('', ...prose.flatMap((text) => wrapText(style.dim(text), { width })));
  return `${lines.join('\n')}\n`;
}

function renderJson({ settings, file, fileExists, by, missing }: ConfigView): string {
  const entries = Object.entries(settings) as [keyof Settings, Settings[keyof Settings]][];
  const shown = Object.fromEntries(
    entries.map(([k, s]) => [
      k,
      {
        value: s.value,
        source: s.source,
        from: s.from,
        ...(k === 'bank' || k === 'store' ? { exists: !missing.includes(k) } : {}),
      },
    ]),
  );
  return `${safeJson({ configFile: file, configFileExists: fileExists, settings: { ...shown, by: { value: by.name, source: by.from } } })}\n`;
}

/** The settings as text or JSON. */
export const configRenderers = {
  text: (view: ConfigView, style: Style, width: number) => renderText(view, style, width),
  json: (view: ConfigView) => renderJson(view),
} satisfies Record<'text' | 'json', (view: ConfigView, style: Style, width: number) => string>;
