import { Option } from '@commander-js/extra-typings';
import type { OutputFormat, Settings } from '../core/config';
import { usageError } from '../errors';
import type { TextLayout } from '../render/report-text';
import { proseWidth } from '../render/wrap-text';
import type { MainIO } from './context';

/** The `--brief` flag of the commands that show a report. */
export function briefOption() {
  return new Option(
    '--brief',
    'the short text report: the verdict, its reason and the key evidence (the format is text)',
  );
}

/** The width text is wrapped to when it goes to no terminal and COLUMNS does not say. */
export const defaultWidth = 80;

/**
 * How wide the text report is: COLUMNS when it holds a whole number (as POSIX
 * has it, it overrides the terminal), else the terminal's width when the
 * report goes to standard output and that is a terminal, else 80.
 */
export function reportWidth(io: MainIO, toStdout: boolean): number {
  const columns = io.env.COLUMNS?.trim() ?? '';
  if (/^\d{1,4}$/.test(columns) && Number(columns) > 0) return Number(columns);
  const terminal = toStdout && io.stdout.isTTY === true ? io.stdout.columns : undefined;
  return terminal !== undefined && terminal > 0 ? terminal : defaultWidth;
}

/**
 * The format a report command writes, given --brief: the short form is text,
 * so --brief overrides a format from the environment or the config file; a
 * --format or --json flag that asks for another one is a usage error (said
 * before any question is asked).
 */
export function reportFormat(settings: Settings, brief: boolean | undefined): OutputFormat {
  if (brief !== true || settings.format.value === 'text') return settings.format.value;
  if (settings.format.source === 'flag')
    throw usageError(
      `--brief is the short text report; it cannot be combined with --format ${settings.format.value}`,
      `drop --brief for the full ${settings.format.value} report, or drop --format/--json for the brief one`,
    );
  return 'text';
}

/** The text report's layout for a command's options: its width (prose stops at 100 columns), and whether it is the brief form. */
export function textLayout(
  io: MainIO,
  options: { readonly brief?: boolean | undefined; readonly output?: string | undefined },
): TextLayout {
  return {
    width: Math.min(proseWidth, reportWidth(io, options.output === undefined)),
    brief: options.brief === true,
  };
}
