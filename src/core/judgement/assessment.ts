import type { Rule } from '../bank/bank';
import type { Flag } from '../bank/schema';
import type { AnswerValue } from './answers';
import type { DecidedBy, Verdict } from './decide';
import type { FitResult } from './fit';
import type { FlowStep } from './flow';
import type { OpenDegrees } from './open-degrees';

/** One answer's pull toward one degree (degree evidence only). */
export interface Contribution {
  readonly questionId: string;
  readonly prompt: string;
  /** The answer given; for a multiple choice, the one option that carries this weight. */
  readonly answer: AnswerValue;
  /** The label of the chosen option or band, as the interviewer saw it. */
  readonly label: string;
  readonly note: string | undefined;
  readonly degree: string;
  readonly weight: number;
}

/** A flag raised by the answers, with the answers that raised it (the fit evidence). */
export interface RaisedFlag {
  readonly flag: Flag;
  readonly raisedBy: readonly string[];
  /** What it adds to the fit score: its severity's points, positive for red, negative for green. */
  readonly points: number;
}

export interface DegreeScore {
  readonly degree: string;
  readonly score: number;
}

/** Why the degree is undecided, when it is. */
export type UndecidedReason = 'too-little-evidence' | 'tie';

/** The full result for one set of answers. Deterministic: same bank and answers, same result. */
export interface Assessment {
  readonly steps: readonly FlowStep[];
  readonly scores: readonly DegreeScore[];
  readonly degree: string;
  readonly runnerUp: string | undefined;
  readonly undecidedReason: UndecidedReason | undefined;
  readonly fit: FitResult;
  /**
   * In [0, 1]: the share of the questions reached that carry weight (degree
   * evidence or flags) and were answered.
   */
  readonly completeness: number;
  /**
   * In [0, 1]: how far the degree stands from every other, after allowing for
   * what unanswered degree questions could still change; 0 when undecided.
   */
  readonly clarity: number;
  /** completeness × clarity, in [0, 1]; see the README. */
  readonly confidence: number;
  readonly coverage: { readonly answered: number; readonly asked: number };
  readonly recommendation: Verdict;
  readonly decidedBy: DecidedBy;
  /** The rule that set the recommendation, if one did. */
  readonly decidingRule: Rule | undefined;
  readonly rulesFired: readonly Rule[];
  /** Degree evidence, strongest first. */
  readonly contributions: readonly Contribution[];
  /** Fit evidence: red flags first, most severe first. */
  readonly flags: readonly RaisedFlag[];
  /**
   * While the degree is undecided: the degrees the open questions could reach,
   * the next one to ask, and whether some answer still to come would decline.
   */
  readonly open: (OpenDegrees & { readonly couldDecline: boolean }) | undefined;
  readonly advice: {
    readonly talkingPoints: readonly string[];
    readonly conditions: readonly string[];
  };
}
