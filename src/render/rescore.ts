import type { Change } from '../core/records/rescore-record';
import type { Style } from './style';
import { safe } from './terminal-safe';

/** The fit level after, and the one before when it changed. */
function fitWords(change: Change): string {
  const after = safe(change.after.fit ?? 'not measured');
  return change.before.fit !== null && change.before.fit !== change.after.fit
    ? `${safe(change.before.fit)} → ${after}`
    : after;
}

/** One changed verdict, for the terminal: old → new, and the weights and rules that moved it. */
export function renderChange(change: Change, style: Style): string {
  const lines = [
    `${style.bold(safe(change.prospect ?? '(no name)'))} ${style.dim(safe(change.id))}`,
  ];
  lines.push(
    `  ${safe(change.before.degree)} / ${safe(change.before.recommendation)} → ${style.bold(`${safe(change.after.degree)} / ${safe(change.after.recommendation)}`)} (fit ${fitWords(change)})`,
  );
  for (const m of change.moved.slice(0, 5))
    lines.push(
      `  ${safe(m.questionId)} ${style.dim(`(${safe(m.label)})`)}: ${safe(m.degree)} ${m.before} → ${m.after}${m.nowFitEvidence ? style.dim(' (now fit evidence, not degree)') : ''}`,
    );
  const started = change.rulesFired.after.filter((r) => !change.rulesFired.before.includes(r));
  const stopped = change.rulesFired.before.filter((r) => !change.rulesFired.after.includes(r));
  if (started.length > 0) lines.push(`  rule now fires: ${started.map(safe).join(', ')}`);
  if (stopped.length > 0) lines.push(`  rule no longer fires: ${stopped.map(safe).join(', ')}`);
  if (change.after.recommendation !== change.before.recommendation)
    lines.push(`  now decided by ${safe(change.decidedBy)}`);
  if (change.ignored.length > 0)
    lines.push(
      style.yellow(
        `  answers that no longer fit the bank, now unknown: ${change.ignored.map(safe).join(', ')}`,
      ),
    );
  return `${lines.join('\n')}\n`;
}
