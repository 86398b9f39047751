import type { PathSegment } from '../diagnostics/diagnostic';
import type {
  AdviceItemData,
  Condition,
  Degree,
  EvidenceKind,
  Flag,
  QuestionType,
  Recommendation,
  Severity,
} from './schema';

/** Where a piece of the bank was written: the file and the path inside it. */
export interface SourceRef {
  readonly file: string;
  readonly path: readonly PathSegment[];
}

/** What choosing an answer does: weights toward degrees, flags raised, follow-ups opened. */
export interface Effect {
  readonly signals: ReadonlyMap<string, number>;
  readonly flags: readonly string[];
  readonly opens: readonly string[];
  /** The author marked this answer as deliberately carrying no weight. */
  readonly neutral: boolean;
  readonly at: SourceRef;
}

/** One possible answer to a choice or yes/no question. */
export interface Choice extends Effect {
  readonly value: string;
  readonly label: string;
  /** Old values this option takes over: answers that use them are read as `value`. */
  readonly replaces: readonly string[];
}

/** A range of scale points with a shared effect. */
export interface Band extends Effect {
  readonly from: number;
  readonly to: number;
  readonly label: string | undefined;
}

/** A question, normalised: every type has `choices` (possibly empty) and `bands`. */
export interface Question {
  readonly id: string;
  readonly prompt: string;
  readonly help: string | undefined;
  readonly type: QuestionType;
  readonly required: boolean;
  readonly when: Condition | undefined;
  /**
   * degree: its answers place the prospect in a degree; fit: its answers count only through the
   * flags they raise.
   */
  readonly evidence: EvidenceKind;
  readonly choices: readonly Choice[];
  readonly scale:
    | {
        readonly min: number;
        readonly max: number;
        readonly minLabel: string | undefined;
        readonly maxLabel: string | undefined;
      }
    | undefined;
  readonly bands: readonly Band[];
  /** The section (file title or file name) this question belongs to. */
  readonly section: string;
  readonly at: SourceRef;
}

export interface Rule {
  readonly id: string;
  readonly when: Condition;
  readonly recommendation: Recommendation;
  readonly reason: string;
  readonly conditions: readonly AdviceItemData[];
  readonly at: SourceRef;
}

/** One level of fit, best first; `upTo` is the highest fit score it covers (none for the last). */
export interface FitLevel {
  readonly id: string;
  readonly name: string;
  readonly upTo: number | undefined;
  /** What this level does to the recommendation: nothing, conditions, or decline. */
  readonly recommendation: Recommendation | undefined;
  readonly reason: string | undefined;
  readonly conditions: readonly AdviceItemData[];
  readonly at: SourceRef;
}

/**
 * How flags add up to a fit level: red flags add their severity's points; green flags are
 * strengths and take nothing away.
 */
export interface FitModel {
  readonly points: Readonly<Record<Severity, number>>;
  /**
   * Fit questions that must be answered before the best level is given (below it: "unknown", not
   * enough known).
   */
  readonly minimumAnswered: number;
  readonly levels: readonly FitLevel[];
  /**
   * Whether the bank declared it (format 2 with `fit:`) or clientfit's defaults stand in (then fit
   * never changes the recommendation).
   */
  readonly declared: boolean;
}

export interface Example {
  readonly name: string;
  /** Raw answer entries by question id, checked against the bank by the answers checker. */
  readonly answers: ReadonlyMap<string, unknown>;
  readonly expect: {
    readonly degree: string;
    readonly fit?: string | undefined;
    readonly recommendation: Recommendation | 'undecided';
  };
  readonly at: SourceRef;
}

/** A whole question bank, checked and ready for the engine. */
export interface Bank {
  readonly formatVersion: number;
  readonly id: string;
  /**
   * The id of the bank this one was copied from (`basedOn` in the manifest): answers written for
   * that bank are accepted.
   */
  readonly basedOn?: string | undefined;
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly degrees: readonly Degree[];
  readonly flags: readonly Flag[];
  readonly minimumEvidence: number;
  readonly fit: FitModel;
  readonly questions: readonly Question[];
  readonly rules: readonly Rule[];
  readonly examples: readonly Example[];
  /** The files the bank was read from, in load order. */
  readonly files: readonly string[];
}

export const defaultMinimumEvidence = 3;

/** What a flag of each severity counts toward the fit score when the bank does not say. */
export const defaultFitPoints: Readonly<Record<Severity, number>> = { low: 1, medium: 2, high: 4 };

/**
 * The fit levels of a bank that declares none (format 1, or format 2 without `fit:`): reported,
 * but they never change the recommendation.
 */
export function defaultFitLevels(at: SourceRef): FitLevel[] {
  const level = (id: string, name: string, upTo: number | undefined): FitLevel => ({
    id,
    name,
    upTo,
    recommendation: undefined,
    reason: undefined,
    conditions: [],
    at,
  });
  return [level('good', 'good', 1), level('fair', 'fair', 5), level('poor', 'poor', undefined)];
}

const answersByQuestion = new WeakMap<Question, readonly (Choice | Band)[]>();

/**
 * Every answer a question offers with its effect: the options (a yes/no
 * question's yes and no among them) and the bands of a scale. Built once per
 * question.
 */
export function choicesAndBands(question: Question): readonly (Choice | Band)[] {
  let answers = answersByQuestion.get(question);
  if (answers === undefined) {
    answers = [...question.choices, ...question.bands];
    answersByQuestion.set(question, answers);
  }
  return answers;
}

/** The choice or band an answer value selects, for any question type. */
export function effectsOf(
  question: Question,
  value: string | number | readonly string[],
): (Choice | Band)[] {
  if (question.type === 'scale') {
    if (typeof value !== 'number') return [];
    return question.bands.filter((band) => value >= band.from && value <= band.to);
  }
  // A Set, not includes(): a multiple choice of n options, all picked, would otherwise cost n² on
  // every assessment.
  const values = new Set<unknown>(Array.isArray(value) ? value : [value]);
  return question.choices.filter((choice) => values.has(choice.value));
}

const choiceIndexes = new WeakMap<Question, ReadonlyMap<string, Choice>>();

/**
 * The question's choice with this value, from an index built once per question (the first choice
 * of a value wins).
 */
export function choiceOf(question: Question, value: string): Choice | undefined {
  let index = choiceIndexes.get(question);
  if (index === undefined) {
    const built = new Map<string, Choice>();
    for (const c of question.choices) if (!built.has(c.value)) built.set(c.value, c);
    choiceIndexes.set(question, built);
    index = built;
  }
  return index.get(value);
}
