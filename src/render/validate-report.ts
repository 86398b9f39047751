import type { ValidateReport } from '../core/validate/validation-report';
import { plural } from '../core/text/plural';
import { version } from '../version';
import { renderDiagnostic } from './diagnostics';
import type { Style } from './style';
import { safe, safeJson } from './terminal-safe';

export type ValidateFormat = 'text' | 'json' | 'github';

function renderText(report: ValidateReport, style: Style): string {
  const lines: string[] = [];
  for (const bank of report.banks) {
    const mark = bank.ok ? style.green('✔') : style.red('✖');
    const about =
      bank.bank === undefined
        ? ''
        : ` — ${safe(bank.bank.title)} (${safe(bank.bank.id)} ${safe(bank.bank.version)}): ${plural(bank.bank.files.length, 'file')}, ${plural(bank.bank.questions, 'question')}, ${plural(bank.bank.rules, 'rule')}`;
    lines.push(`${mark} ${style.bold(safe(bank.path))}${about}`);
    for (const d of bank.diagnostics) lines.push(renderDiagnostic(d, style, '  '));
    if (bank.examples.length > 0) {
      const failed = bank.examples.filter((e) => !e.passed).length;
      lines.push(
        `  examples: ${bank.examples.length - failed} passed${failed > 0 ? style.red(`, ${failed} failed`) : ''}`,
      );
      for (const example of bank.examples) {
        const at = example.line === undefined ? example.file : `${example.file}:${example.line}`;
        const expected = `${example.expected.degree}${example.expected.fit === undefined ? '' : ` · fit ${example.expected.fit}`} / ${example.expected.recommendation}`;
        if (example.passed) {
          lines.push(
            `    ${style.green('✔')} ${safe(example.name)} ${style.dim(`→ ${safe(expected)}`)}`,
          );
        } else if (example.actual === undefined) {
          lines.push(
            `    ${style.red('✖')} ${safe(example.name)} ${style.dim(`(${safe(at)})`)}: its answers are invalid`,
          );
          for (const d of example.diagnostics) lines.push(renderDiagnostic(d, style, '      '));
        } else {
          const got = `${example.actual.degree}${example.expected.fit === undefined ? '' : ` · fit ${example.actual.fit}`} / ${example.actual.recommendation}`;
          lines.push(`    ${style.red('✖')} ${safe(example.name)} ${style.dim(`(${safe(at)})`)}`);
          lines.push(`        expected ${safe(expected)}`);
          lines.push(
            `        got      ${style.red(safe(got))} (confidence ${example.actual.confidence.toFixed(2)})`,
          );
        }
      }
    }
  }
  const s = report.summary;
  const tail = [
    plural(s.banks, 'bank'),
    plural(s.errors, 'error'),
    plural(s.warnings, 'warning'),
    `${plural(s.examplesPassed, 'example')} passed`,
    `${s.examplesFailed} failed`,
  ];
  const verdict = report.ok ? style.green('valid') : style.red('invalid');
  const strictNote =
    !report.ok && s.errors === 0 && s.examplesFailed === 0 && report.strict
      ? ' (--strict: warnings count as errors)'
      : '';
  lines.push('', `${verdict}: ${tail.join(', ')}${strictNote}`);
  return `${lines.join('\n')}\n`;
}

function renderJson(report: ValidateReport): string {
  return `${safeJson({ schemaVersion: 1, tool: { name: 'clientfit', version }, ...report })}\n`;
}

/** GitHub's escaping for the message of a workflow command. */
export function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping for a property of a workflow command (`file=…,title=…`): the message's, and `:` and `,` too. */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command: `::error file=…,line=…,col=…,title=…::message`, every part escaped as GitHub requires, then made safe for the terminal. */
function annotation(
  level: 'error' | 'warning',
  at: { file: string; line?: number | undefined; column?: number | undefined },
  title: string,
  message: string,
): string {
  const props = [`file=${safe(githubProperty(at.file))}`];
  if (at.line !== undefined) props.push(`line=${at.line}`);
  if (at.column !== undefined) props.push(`col=${at.column}`);
  props.push(`title=${safe(githubProperty(title))}`);
  return `::${level} ${props.join(',')}::${safe(githubData(message))}`;
}

/**
 * GitHub workflow annotations: one `::error` or `::warning` per problem and
 * per failing example, shown on the lines of the bank's files in a pull
 * request; then the summary as a plain log line.
 */
function renderGithub(report: ValidateReport): string {
  const lines: string[] = [];
  for (const bank of report.banks) {
    for (const d of bank.diagnostics)
      lines.push(
        annotation(
          d.severity,
          d,
          `clientfit ${d.code}`,
          d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`,
        ),
      );
    for (const example of bank.examples) {
      if (example.passed) continue;
      for (const d of example.diagnostics)
        lines.push(
          annotation(
            'error',
            d,
            `clientfit ${d.code}`,
            d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`,
          ),
        );
      if (example.actual === undefined) continue;
      const fit = example.expected.fit === undefined ? '' : ` · fit ${example.expected.fit}`;
      const gotFit = example.expected.fit === undefined ? '' : ` · fit ${example.actual.fit}`;
      lines.push(
        annotation(
          'error',
          { file: example.file, line: example.line },
          'clientfit example-failed',
          `example "${example.name}": expected ${example.expected.degree}${fit} / ${example.expected.recommendation}, got ${example.actual.degree}${gotFit} / ${example.actual.recommendation}`,
        ),
      );
    }
  }
  const s = report.summary;
  lines.push(
    `${report.ok ? 'valid' : 'invalid'}: ${plural(s.banks, 'bank')}, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.examplesPassed} examples passed, ${s.examplesFailed} failed`,
  );
  return `${lines.join('\n')}\n`;
}

/** The validate report in each output format. */
export const validateRenderers = {
  text: (report: ValidateReport, style: Style) => renderText(report, style),
  json: (report: ValidateReport) => renderJson(report),
  github: (report: ValidateReport) => renderGithub(report),
} satisfies Record<ValidateFormat, (report: ValidateReport, style: Style) => string>;
