import type { Diagnostic } from '../core/diagnostics/diagnostic';
import type { Style } from './style';
import { safe } from './terminal-safe';

/** `file:line:col`, or just the file when the whole file is at fault. */
export function location(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  return d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
}

/** One diagnostic as two lines: where, severity, message and code; then the hint. */
export function renderDiagnostic(d: Diagnostic, style: Style, indent = ''): string {
  const severity = d.severity === 'error' ? style.red('error') : style.yellow('warning');
  const head = `${indent}${style.bold(safe(location(d)))}  ${severity}  ${safe(d.message)}  ${style.dim(`[${d.code}]`)}`;
  return d.hint === undefined
    ? head
    : `${head}\n${indent}    ${style.cyan('hint:')} ${safe(d.hint)}`;
}
