import { unknownAnswer } from '../core/bank/schema';
import type { OutcomeChange } from '../core/records/outcome';
import type { Report } from '../core/report/report-schema';
import { clarityWords, completenessWords } from '../core/report/report';
import { htmlLines, htmlPage, htmlText } from './html';
import { inTheirWords, isFreeText } from './in-their-words';
import {
  changeWords,
  decidedByWords,
  degreeTitle,
  fitScore,
  fitWords,
  flagChange,
  fromWords,
  outcomeWords,
  flagTerms,
  signed,
  undecidedWords,
  verdictWords,
} from './report-words';

const h = htmlText;

/** “their words”, line breaks kept. */
const quoted = (text: string): string => `<q class="lines">${htmlLines(text)}</q>`;

const answerLine = (label: string, note: string | undefined): string =>
  `<div class="answer">answer: ${h(label)}${note === undefined ? '' : ` — ${quoted(note)}`}</div>`;

/** A titled section, or nothing when it has no items. */
function section(title: string, items: readonly string[], listClass = ''): string {
  if (items.length === 0) return '';
  return `<section><h2>${h(title)}</h2><ul${listClass === '' ? '' : ` class="${listClass}"`}>${items.map((i) => `<li>${i}</li>`).join('')}</ul></section>`;
}

/** The verdict first: the recommendation and its reason, then the degree, the fit and the confidence, as the text report starts. */
function verdict(report: Report): string {
  const by =
    report.decidedBy.kind === 'undecided'
      ? decidedByWords(report)
      : `decided by ${decidedByWords(report)}`;
  const runnerUp =
    report.degree.runnerUp === null
      ? ''
      : ` <span class="muted">· runner-up: ${h(report.degree.runnerUp)}</span>`;
  const about =
    report.degree.summary !== null
      ? `<div class="lines">${htmlLines(report.degree.summary)}</div>`
      : report.degree.undecidedReason !== null
        ? `<div>${h(undecidedWords(report))}</div>`
        : '';
  const clarity = report.clarity === null ? 'clarity not measured' : clarityWords(report.clarity);
  const evidence = `evidence ${completenessWords(report.completeness)} (${report.coverage.answered} of ${report.coverage.asked} answered)`;
  const rows: [string, string][] = [
    [
      'Why',
      `<span class="lines">${htmlLines(report.decidedBy.reason)}</span> <span class="muted">(${h(by)})</span>`,
    ],
    ['Degree', `<b>${h(degreeTitle(report))}</b>${runnerUp}${about}`],
    [
      'Fit',
      `${h(fitWords(report))}${fitScore(report) === undefined ? '' : ` <span class="muted">(fit score ${fitScore(report)})</span>`}`,
    ],
    [
      'Confidence',
      `${report.confidence.toFixed(2)} <span class="muted">— degree ${h(clarity)}, ${evidence}</span>`,
    ],
  ];
  return [
    `<header class="verdict ${report.recommendation}">`,
    `<span class="badge">${verdictWords[report.recommendation]}</span>`,
    `<h1>${report.prospect === null ? 'Prospect' : h(report.prospect)}</h1>`,
    `<dl class="summary">${rows.map(([dt, dd]) => `<dt>${dt}:</dt><dd>${dd}</dd>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function theirWords(report: Report): string {
  return section(
    'In their words',
    inTheirWords(report).map((a) => {
      const note = a.note === undefined ? '' : ` — ${quoted(a.note)}`;
      return `<div class="muted">${h(a.prompt)}</div><div>${isFreeText(a) ? quoted(a.label) : h(a.label)}${note}</div>`;
    }),
  );
}

function evidence(report: Report): string {
  const degree = section(
    'Degree evidence',
    report.evidence.map(
      (e) =>
        `<span class="weight ${e.weight > 0 ? 'plus' : 'minus'}">${signed(e.weight)}</span> <b>${h(e.degree)}</b> — ${h(e.prompt)}${answerLine(e.label, e.note)}`,
    ),
    'evidence',
  );
  const fit = section(
    'Fit evidence',
    report.flags.map((f) => {
      const answers = report.fitEvidence
        .filter((x) => x.flagId === f.id)
        .map((x) => answerLine(x.label, x.note));
      return `<span class="mark ${f.kind}">${f.kind === 'red' ? '✖' : '✔'}</span><b>${h(f.label)}</b> <span class="muted">(${h(flagTerms(f))})</span> — ${h(f.explanation)}${answers.join('')}`;
    }),
    'flags',
  );
  return degree + fit;
}

/** Each single answer that would change the call, grouped under its question, as the text report lists them. */
function counterfactuals(report: Report): string {
  const byQuestion = new Map<string, Report['counterfactuals']>();
  for (const c of report.counterfactuals)
    byQuestion.set(c.questionId, [...(byQuestion.get(c.questionId) ?? []), c]);
  const groups = [...byQuestion.values()].flatMap((group) => {
    const head = group[0];
    if (head === undefined) return [];
    const ifs = group.map(
      (c) =>
        `<li><span class="muted">if:</span> ${h(changeWords(c))} → ${h(outcomeWords(c))}${h(flagChange(c))}</li>`,
    );
    return [
      `${h(head.prompt)}<ul><li><span class="muted">now:</span> ${h(fromWords(report, head))}</li>${ifs.join('')}</ul>`,
    ];
  });
  const incomplete = report.counterfactualsComplete
    ? ''
    : '<p class="muted">A large bank: only the first answers were tried for what would change the call.</p>';
  const list = section('What would change the call', groups, 'changes');
  return list === '' ? incomplete : list.replace('</section>', `${incomplete}</section>`);
}

function outcome(changes: readonly OutcomeChange[]): string {
  const latest = changes.at(-1);
  if (latest === undefined) return '';
  const rows = changes.map(
    (c) =>
      `<tr>${[c.value, c.date, c.recordedBy ?? '', c.recordedAt, c.note ?? ''].map((x) => `<td>${h(x)}</td>`).join('')}</tr>`,
  );
  return [
    '<section><h2>Outcome</h2>',
    `<p><b>${h(latest.value)}</b></p>`,
    '<table><thead><tr><th>Outcome</th><th>Date</th><th>By</th><th>Recorded at</th><th>Note</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
}

/**
 * The report as one self-contained HTML page, to read, print or send: the
 * verdict first, then the same sections in the same order as the text report
 * (reportText), from the same report object; with `show`, the record's
 * outcome after them. Every string from the bank, the answers or the record
 * is escaped. Printed, every page is headed with the prospect and the date.
 */
export function reportHtml(report: Report, changes: readonly OutcomeChange[] = []): string {
  const scores = report.scores.map((s) => `${h(s.degree)} ${s.score}`).join(' · ');
  const score = fitScore(report);
  const fitScoreLine = score === undefined ? '' : ` Fit score ${score}.`;
  const body = [
    verdict(report),
    theirWords(report),
    evidence(report),
    section(
      'Rules that also hold',
      report.rulesFired
        .filter((r) => r.id !== report.decidedBy.ruleId)
        .map(
          (r) =>
            `<b>${h(r.id)}</b> <span class="muted">(${h(r.recommendation)})</span> — <span class="lines">${htmlLines(r.reason)}</span>`,
        ),
    ),
    report.degree.meaning === null
      ? ''
      : `<section><h2>What it means</h2><p class="lines">${htmlLines(report.degree.meaning)}</p></section>`,
    report.recommendation === 'decline'
      ? ''
      : section(
          'Put in writing',
          report.advice.conditions.map((c) => `<span class="lines">${htmlLines(c)}</span>`),
        ),
    report.recommendation === 'decline'
      ? ''
      : section(
          'On the call',
          report.advice.talkingPoints.map((t) => `<span class="lines">${htmlLines(t)}</span>`),
        ),
    counterfactuals(report),
    section(
      'Did not come up',
      report.answers.filter((a) => a.value === unknownAnswer).map((a) => h(a.prompt)),
    ),
    `<p class="footer">Degree scores: ${scores}.${fitScoreLine} Answered ${report.coverage.answered} of ${report.coverage.asked} questions that carry weight. ` +
      `Bank ${h(report.bank.id)} ${h(report.bank.version)}, assessed ${h(report.assessedAt)}, clientfit ${h(report.tool.version)}.</p>`,
    outcome(changes),
  ];
  const name = report.prospect ?? 'Prospect';
  const verdictText = verdictWords[report.recommendation].toLowerCase();
  return htmlPage({
    title: `${name}: ${verdictText} — clientfit`,
    runningHead: `${name}    assessed ${report.assessedAt.slice(0, 10)}    ${verdictText}`,
    firstPageHead: true,
    body: body.filter((part) => part !== '').join('\n'),
  });
}
