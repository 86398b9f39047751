import type { Bank, Question } from '../bank/bank';
import { choicesAndBands, effectsOf } from '../bank/bank';
import { unknownFitLevel } from '../bank/schema';
import type { Answers, AnswerValue } from '../judgement/answers';
import { answerLabel, isUnknown } from '../judgement/answers';
import type { Assessment } from '../judgement/assessment';
import { undecided } from '../judgement/decide';
import type { CounterfactualSearch } from '../judgement/counterfactuals';
import { plural } from '../text/plural';
import type { Report } from './report-schema';
import { reportSchemaVersion } from './report-schema';

/** What a report records besides the assessment itself. */
export interface ReportMeta {
  readonly toolVersion: string;
  readonly contentHash: string;
  readonly prospect: string | undefined;
  readonly assessedAt: Date;
}

/** A plain, mutable copy of an answer value for the report. */
function plain(value: string | number | readonly string[]): string | number | string[] {
  return typeof value === 'string' || typeof value === 'number' ? value : [...value];
}

/**
 * The label of the option (or band) that raised a flag: for a multiple choice, only the options
 * that raise it.
 */
function raisingLabel(question: Question, value: AnswerValue, flagId: string): string {
  if (question.type !== 'multiple') return answerLabel(question, value);
  const labels = effectsOf(question, value)
    .filter((e) => e.flags.includes(flagId))
    .map((e) => ('value' in e ? e.label : ''));
  return labels.length === 0 ? answerLabel(question, value) : labels.join('; ');
}

/** How clear the degree is, in words (README, "Confidence"). */
export function clarityWords(clarity: number | null): string {
  if (clarity === null) return 'not measured';
  if (clarity >= 0.75) return 'clear';
  if (clarity >= 0.4) return 'leaning';
  if (clarity > 0) return 'unclear';
  return 'undecided';
}

/** How complete the evidence is, in words (README, "Confidence"). */
export function completenessWords(completeness: number): string {
  if (completeness >= 0.9) return 'complete';
  if (completeness >= 0.6) return 'mostly complete';
  if (completeness >= 0.3) return 'partial';
  return 'thin';
}

/** "5 red flags, 1 green" */
export function fitTally(red: number, green: number): string {
  return `${red} red flag${red === 1 ? '' : 's'}, ${green} green`;
}

function undecidedReason(bank: Bank, assessment: Assessment): string {
  const top = assessment.scores[0];
  if (assessment.undecidedReason === 'tie') {
    const tied = assessment.scores.filter((s) => s.score === top?.score).map((s) => s.degree);
    const points = plural(top?.score ?? 0, 'point');
    return `The degree evidence is split: ${tied.join(' and ')} have ${points} each`;
  }
  const could =
    assessment.open?.couldDecline === true
      ? ', and an answer still to come could decline them'
      : '';
  return (
    `Too little degree evidence: the strongest degree has ${top?.score ?? 0} ` +
    `of the ${bank.minimumEvidence} points needed${could}`
  );
}

/**
 * Why an undecided degree still gives a call: every degree the open questions could reach is
 * workable.
 */
function openReason(bank: Bank, cautious: string): string {
  const name = bank.degrees.find((d) => d.id === cautious)?.name ?? cautious;
  return (
    'The degree is still open, and every answer still to come leads to a workable call: ' +
    `this is the most cautious of them (${name}).`
  );
}

/** The fit questions reached and not yet answered: what to ask before the fit can be called. */
function fitQuestionsToAsk(assessment: Assessment): string[] {
  return assessment.steps
    .filter(
      ({ question, answer }) =>
        question.evidence === 'fit' && (answer === undefined || isUnknown(answer.value)),
    )
    .filter(({ question }) => choicesAndBands(question).some((e) => e.flags.length > 0))
    .map(({ question }) => question.prompt);
}

/** What set the call, and why, in the report's words. */
function decidedByOf(bank: Bank, assessment: Assessment): Report['decidedBy'] {
  const by = assessment.decidedBy;
  const fit = assessment.fit;
  const degree = bank.degrees.find((d) => d.id === assessment.degree);
  if (by.kind === 'rule') return { kind: 'rule', ruleId: by.rule.id, reason: by.rule.reason };
  if (by.kind === 'open')
    return { kind: 'open', ruleId: null, reason: openReason(bank, by.degree) };
  if (by.kind === 'fit')
    return {
      kind: 'fit',
      ruleId: null,
      reason:
        fit.level.reason ??
        `${fit.level.name}: ${fitTally(fit.red, fit.green)} (fit score ${fit.score})`,
    };
  if (degree !== undefined)
    return { kind: 'degree', ruleId: null, reason: `The default for ${degree.name}.` };
  return { kind: 'undecided', ruleId: null, reason: undecidedReason(bank, assessment) };
}

/** The fit in the report: its level, score, counts, and (when unknown) the fit questions to ask. */
function fitOfReport(assessment: Assessment): NonNullable<Report['fit']> {
  const fit = assessment.fit;
  return {
    level: fit.level.id,
    name: fit.level.name,
    score: fit.score,
    red: fit.red,
    green: fit.green,
    recommendation: fit.level.recommendation ?? null,
    answered: fit.answered,
    required: fit.required,
    toAsk: fit.level.id === unknownFitLevel ? fitQuestionsToAsk(assessment) : [],
  };
}

/** The answers in the report: each question reached, with its answer ("unknown" if none). */
function answersOf(answers: Answers, assessment: Assessment): Report['answers'] {
  return assessment.steps.map(({ question }) => {
    const answer = answers.get(question.id);
    const value = answer?.value ?? 'unknown';
    return {
      questionId: question.id,
      prompt: question.prompt,
      value: plain(value),
      label: answerLabel(question, value),
      ...(answer?.note === undefined ? {} : { note: answer.note }),
    };
  });
}

/** The answers that raised each flag, quoted with the option (or band) that raised it. */
function fitEvidenceOf(assessment: Assessment): Report['fitEvidence'] {
  const stepOf = new Map(assessment.steps.map((s) => [s.question.id, s]));
  return assessment.flags.flatMap(({ flag, raisedBy, points }) =>
    raisedBy.map((questionId) => {
      const step = stepOf.get(questionId);
      const value = step?.answer?.value ?? 'unknown';
      const note = step?.answer?.note;
      return {
        flagId: flag.id,
        kind: flag.kind,
        points,
        questionId,
        prompt: step?.question.prompt ?? questionId,
        label: step === undefined ? String(value) : raisingLabel(step.question, value, flag.id),
        ...(note === undefined ? {} : { note }),
      };
    }),
  );
}

/** Turns an assessment into the report object: plain data, ready for JSON and the renderers. */
export function buildReport(
  bank: Bank,
  answers: Answers,
  assessment: Assessment,
  counterfactuals: CounterfactualSearch,
  meta: ReportMeta,
): Report {
  const degree = bank.degrees.find((d) => d.id === assessment.degree);
  return {
    schemaVersion: reportSchemaVersion,
    tool: { name: 'clientfit', version: meta.toolVersion },
    bank: { id: bank.id, title: bank.title, version: bank.version, contentHash: meta.contentHash },
    prospect: meta.prospect ?? null,
    assessedAt: meta.assessedAt.toISOString(),
    answers: answersOf(answers, assessment),
    degree: {
      id: assessment.degree === undecided ? undecided : assessment.degree,
      name: degree?.name ?? null,
      summary: degree?.summary ?? null,
      meaning: degree?.meaning ?? null,
      runnerUp: assessment.runnerUp ?? null,
      undecidedReason: assessment.undecidedReason ?? null,
    },
    scores: assessment.scores.map((s) => ({ degree: s.degree, score: s.score })),
    fit: fitOfReport(assessment),
    confidence: assessment.confidence,
    completeness: assessment.completeness,
    clarity: assessment.clarity,
    coverage: assessment.coverage,
    recommendation: assessment.recommendation,
    decidedBy: decidedByOf(bank, assessment),
    evidence: assessment.contributions.map((c) => ({
      questionId: c.questionId,
      prompt: c.prompt,
      answer: plain(c.answer),
      label: c.label,
      ...(c.note === undefined ? {} : { note: c.note }),
      degree: c.degree,
      weight: c.weight,
    })),
    fitEvidence: fitEvidenceOf(assessment),
    flags: assessment.flags.map(({ flag, raisedBy, points }) => ({
      id: flag.id,
      kind: flag.kind,
      label: flag.label,
      severity: flag.severity,
      explanation: flag.explanation,
      points,
      raisedBy: [...raisedBy],
    })),
    rulesFired: assessment.rulesFired.map((r) => ({
      id: r.id,
      recommendation: r.recommendation,
      reason: r.reason,
    })),
    counterfactuals: counterfactuals.items.map(({ option, ...c }) => ({
      ...c,
      // A pick or a drop names its one option; the answer it starts from is the question's entry in
      // `answers`.
      from: option === undefined ? plain(c.from) : null,
      to: option ?? plain(c.to),
      flagsGone: [...c.flagsGone],
      flagsNew: [...c.flagsNew],
    })),
    counterfactualsComplete: counterfactuals.complete,
    advice: {
      talkingPoints: [...assessment.advice.talkingPoints],
      conditions: [...assessment.advice.conditions],
    },
  };
}
