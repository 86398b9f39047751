import type { Question } from '../core/bank/bank';
import { unknownAnswer } from '../core/bank/schema';
import type { Answer, AnswerValue } from '../core/judgement/answers';
import { maxTextLength } from '../core/judgement/read-answer';
import { safe } from '../render/terminal-safe';
import type { PromptChoice, Prompter } from './prompter';
import { backInput, backValue } from './prompter';

/** One question being asked. */
export interface Asking {
  readonly question: Question;
  /** The answer it had before (this session, a draft, an answers file or a record). */
  readonly previous: Answer | undefined;
  /** What going back does, or undefined when there is nothing to go back to. */
  readonly back: string | undefined;
  readonly prompter: Prompter;
  /** Keeps a committing choice (in the draft) before its note is asked. */
  readonly keep: (answer: Answer) => void;
}

/** What the prompts of one question came to: an answer, or "back". */
export type Step = { kind: 'answer'; answer: Answer } | { kind: 'back' };

/** Said when `<` is typed at a text question with nothing before it. */
export const nothingBefore = 'There is nothing before this question to go back to.';

const unknownChoice: PromptChoice = {
  value: unknownAnswer,
  name: "Unknown / didn't come up",
  description: 'Counts as no evidence and lowers the confidence, instead of guessing.',
};
const backChoice = (description: string): PromptChoice => ({
  value: backValue,
  name: '← Back',
  description,
});

/** A text prompt's check: true, or what to do about a text over the limit. */
const tooLong = (v: string): true | string =>
  v.length > maxTextLength ? `Keep it under ${maxTextLength} characters.` : true;

/**
 * A list question's choices: the options, or each point of a scale with its
 * end and band labels.
 */
function choicesFor(question: Question): PromptChoice[] {
  if (question.type === 'scale' && question.scale !== undefined) {
    const { min, max, minLabel, maxLabel } = question.scale;
    const points: PromptChoice[] = [];
    for (let n = min; n <= max; n++) {
      const band = question.bands.find((b) => n >= b.from && n <= b.to);
      const end = n === min ? minLabel : n === max ? maxLabel : undefined;
      const words = [end, band?.label].filter((w): w is string => w !== undefined).map(safe);
      points.push({
        value: String(n),
        name: words.length > 0 ? `${n} — ${words.join(' · ')}` : String(n),
      });
    }
    return points;
  }
  return question.choices.map((c) => ({ value: c.value, name: safe(c.label) }));
}

/** The question's choices, then Unknown, then Back where there is somewhere to go back to. */
function listFor(asking: Asking): PromptChoice[] {
  const tail =
    asking.back === undefined ? [unknownChoice] : [unknownChoice, backChoice(asking.back)];
  return [...choicesFor(asking.question), ...tail];
}

/**
 * Whether earlier text (from a draft or an answers file) can be offered as a
 * prompt's default: the prompt library prints defaults raw, and a default
 * made safe would change the answer when accepted, so unsafe text is not offered.
 */
export function offerable(text: string): boolean {
  return safe(text) === text && text.length <= 500;
}

/**
 * Asks one question; resolves with the answer, or with "back". A list opens
 * with the cursor on the earlier answer, else on "Unknown": no committing
 * answer is ever one Enter away by default.
 */
export async function askQuestion(asking: Asking): Promise<Step> {
  const { question } = asking;
  if (question.type === 'text') return askText(asking);
  const value = question.type === 'multiple' ? await pickMany(asking) : await pickOne(asking);
  if (value === backValue) return { kind: 'back' };
  if (value === unknownAnswer) return { kind: 'answer', answer: { value } };
  return askNote(asking, value);
}

/** A text question: Enter skips it (unknown), `<` goes back where there is somewhere to go. */
async function askText(asking: Asking): Promise<Step> {
  const { question, previous, back, prompter } = asking;
  const how = back === undefined ? '(Enter to skip)' : `(Enter to skip, ${backInput} to go back)`;
  const value = await prompter.input({
    message: `${safe(question.prompt)} ${how}`,
    ...(typeof previous?.value === 'string' &&
    previous.value !== unknownAnswer &&
    offerable(previous.value)
      ? { default: previous.value }
      : {}),
    validate: (v) => {
      if (v.length > maxTextLength) return tooLong(v);
      return back === undefined && v.trim() === backInput ? nothingBefore : true;
    },
  });
  const text = value.trim();
  if (back !== undefined && text === backInput) return { kind: 'back' };
  if (text === '') return { kind: 'answer', answer: { value: unknownAnswer } };
  // Their words on a text answer (from an answers file or a record) stay with it,
  // offered as a choice's are.
  if (previous?.note === undefined) return { kind: 'answer', answer: { value: text } };
  return askNote(asking, text);
}

/** A multiple choice: the picks in bank order, unknown, or backValue. */
async function pickMany(asking: Asking): Promise<AnswerValue> {
  const { question, previous, prompter } = asking;
  const picked = await prompter.checkbox({
    message: `${safe(question.prompt)} (space to pick, Enter when done)`,
    choices: listFor(asking),
    checked: Array.isArray(previous?.value)
      ? previous.value
      : previous?.value === unknownAnswer
        ? [unknownAnswer]
        : [],
    validate: (values) => {
      // An Enter pressed too soon commits nothing: "none of these" is said by
      // picking Unknown, or an option for it.
      if (values.length === 0)
        return `Pick at least one with space, or "Unknown" if it did not come up.`;
      // Back goes back whatever else is ticked: the picks of this question are not kept.
      if (values.includes(backValue)) return true;
      if (values.includes(unknownAnswer) && values.length > 1)
        return `"Unknown" cannot go with other answers.`;
      return true;
    },
  });
  if (picked.includes(backValue)) return backValue;
  if (picked.includes(unknownAnswer)) return unknownAnswer;
  return question.choices.map((c) => c.value).filter((v) => picked.includes(v));
}

/** A single choice, yes/no or scale: the choice (a scale's as a number), unknown, or backValue. */
async function pickOne(asking: Asking): Promise<AnswerValue> {
  const { question, previous, prompter } = asking;
  const picked = await prompter.select({
    message: safe(question.prompt),
    choices: listFor(asking),
    default:
      previous === undefined || Array.isArray(previous.value)
        ? unknownAnswer
        : String(previous.value),
  });
  if (picked === backValue) return backValue;
  return question.type === 'scale' && picked !== unknownAnswer ? Number(picked) : picked;
}

/**
 * Keeps a committing answer, then asks for their words: an earlier note is
 * offered as the default (Enter keeps it, an emptied line clears it), and `<`
 * asks the question again.
 */
async function askNote(asking: Asking, value: AnswerValue): Promise<Step> {
  const { question, previous, prompter } = asking;
  // The choice is kept (in the draft) before its note is asked: a stop at the
  // note prompt loses nothing chosen. Their earlier words stay with an
  // unchanged choice, and with any text answer, until the prompt says otherwise.
  const same =
    question.type === 'text' ||
    (previous !== undefined && JSON.stringify(previous.value) === JSON.stringify(value));
  const earlier = same ? previous?.note : undefined;
  asking.keep(earlier === undefined ? { value } : { value, note: earlier });

  const offered =
    previous?.note !== undefined && offerable(previous.note) ? previous.note : undefined;
  const note = await prompter.input({
    // An earlier note is offered as the default: Enter keeps it, Backspace on
    // the empty line clears it.
    message:
      offered === undefined
        ? `Their words, if worth keeping (Enter to skip, ${backInput} to answer again)`
        : 'Their words (Enter keeps them, Backspace then Enter clears them, ' +
          `${backInput} to answer again)`,
    ...(offered === undefined ? {} : { default: offered }),
    validate: tooLong,
  });
  const words = note.trim();
  // Answered again, the earlier words are still offered.
  if (words === backInput) {
    const again = previous?.note === undefined ? { value } : { value, note: previous.note };
    return askQuestion({ ...asking, previous: again });
  }
  return { kind: 'answer', answer: words === '' ? { value } : { value, note: words } };
}
