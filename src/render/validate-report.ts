import type { ValidateReport } from '../core/validation-report';
import { plural } from '../core/plural';
import { version } from '../version';
import { renderDiagnostic } from './diagnostics';
import type { Style } from './style';
import { safe, safeJson } from './terminal-safe';

export type ValidateFormat = 'text' | 'json';

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
      lines.push(`  examples: ${bank.examples.length - failed} passed${failed > 0 ? style.red(`, ${failed} failed`) : ''}`);
      for (const example of bank.examples) {
        const at = example.line === undefined ? example.file : `${example.file}:${example.line}`;
        const expected = `${example.expected.degree}${example.expected.fit === undefined ? '' : ` · fit ${example.expected.fit}`} / ${example.expected.recommendation}`;
        if (example.passed) {
          lines.push(`    ${style.green('✔')} ${safe(example.name)} ${style.dim(`→ ${safe(expected)}`)}`);
        } else if (example.actual === undefined) {
          lines.push(`    ${style.red('✖')} ${safe(example.name)} ${style.dim(`(${safe(at)})`)}: its answers are invalid`);
          for (const d of example.diagnostics) lines.push(renderDiagnostic(d, style, '      '));
        } else {
          const got = `${example.actual.degree}${example.expected.fit === undefined ? '' : ` · fit ${example.actual.fit}`} / ${example.actual.recommendation}`;
          lines.push(`    ${style.red('✖')} ${safe(example.name)} ${style.dim(`(${safe(at)})`)}`);
          lines.push(`        expected ${safe(expected)}`);
          lines.push(`        got      ${style.red(safe(got))} (confidence ${example.actual.confidence.toFixed(2)})`);
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
  const strictNote = !report.ok && s.errors === 0 && s.examplesFailed === 0 && report.strict ? ' (--strict: warnings count as errors)' : '';
  lines.push('', `${verdict}: ${tail.join(', ')}${strictNote}`);
  return `${lines.join('\n')}\n`;
}

function renderJson(report: ValidateReport): string {
  return `${safeJson({ schemaVersion: 1, tool: { name: 'clientfit', version }, ...report })}\n`;
}

/** The validate report in each output format. */
export const validateRenderers = {
  text: (report: ValidateReport, style: Style) => renderText(report, style),
  json: (report: ValidateReport) => renderJson(report),
} satisfies Record<ValidateFormat, (report: ValidateReport, style: Style) => string>;
