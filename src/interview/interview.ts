import type { Bank, Question } from '../core/bank/bank';
import { unknownAnswer } from '../core/bank/schema';
import type { Answer, AnswerValue } from '../core/judgement/answers';
import { maxTextLength } from '../core/judgement/answers';
import { walkFlow } from '../core/judgement/flow';
import type { Style } from '../render/style';
import { safe, safeLines } from '../render/terminal-safe';
import { promptHelp } from './prompt-text';
import type { PromptChoice, Prompter } from './prompter';
import { backInput, backValue } from './prompter';
import { reviewAnswers } from './review';

export interface InterviewOptions {
  readonly bank: Bank;
  /** Answers given already (from --answers, --answer or a draft): only the rest are asked. */
  readonly answers: ReadonlyMap<string, Answer>;
  readonly prompter: Prompter;
  /** Called after every answer with all answers so far: the draft is written here. */
  readonly onAnswer: (answers: ReadonlyMap<string, Answer>) => void;
  /** Where the interviewer's guidance (progress, help) is written: standard error. */
  readonly write: (text: string) => void;
  readonly style: Style;
  /**
   * What "back" at the first question does (the run asks the prospect's name
   * again). Without it there is nothing before the first question, and "back"
   * is not offered there.
   */
  readonly backAtStart?: { readonly description: string; readonly go: () => Promise<void> };
  /**
   * Answers offered as defaults but not taken as given (`run --edit`): with
   * `review`, the interview opens on the review screen with all of them;
   * without, every question is asked again with its answer preselected.
   */
  readonly offered?: ReadonlyMap<string, Answer>;
  /** Before returning, show every answer on one screen, any of them changeable, until confirmed. */
  readonly review?: boolean;
}

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
/** Said when `<` is typed at a text question with nothing before it. */
export const nothingBefore = 'There is nothing before this question to go back to.';

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

type Step = { kind: 'answer'; answer: Answer } | { kind: 'back' };

/**
 * Whether earlier text (from a draft or an answers file) can be offered as a
 * prompt's default: the prompt library prints defaults raw, and a default
 * made safe would change the answer when accepted, so unsafe text is not offered.
 */
function offerable(text: string): boolean {
  return safe(text) === text && text.length <= 500;
}

/**
 * Asks one question; resolves with the answer, or with "back". `back` says
 * what going back does, or is undefined when there is nothing to go back to.
 * A list opens with the cursor on the earlier answer, else on "Unknown":
 * no committing answer is ever one Enter away by default.
 */
async function ask(
  question: Question,
  previous: Answer | undefined,
  back: string | undefined,
  prompter: Prompter,
  keep: (answer: Answer) => void,
): Promise<Step> {
  const message = safe(question.prompt);
  const tail = back === undefined ? [unknownChoice] : [unknownChoice, backChoice(back)];

  if (question.type === 'text') {
    const value = await prompter.input({
      message: `${message} ${back === undefined ? '(Enter to skip)' : `(Enter to skip, ${backInput} to go back)`}`,
      ...(typeof previous?.value === 'string' &&
      previous.value !== unknownAnswer &&
      offerable(previous.value)
        ? { default: previous.value }
        : {}),
      validate: (v) =>
        v.length > maxTextLength
          ? `Keep it under ${maxTextLength} characters.`
          : back === undefined && v.trim() === backInput
            ? nothingBefore
            : true,
    });
    const text = value.trim();
    if (back !== undefined && text === backInput) return { kind: 'back' };
    if (text === '') return { kind: 'answer', answer: { value: unknownAnswer } };
    // Their words on a text answer (from an answers file or a record) stay with it, offered as a choice's are.
    if (previous?.note === undefined) return { kind: 'answer', answer: { value: text } };
    return askNote(question, text, previous, back, prompter, keep);
  }

  let value: AnswerValue;
  if (question.type === 'multiple') {
    const picked = await prompter.checkbox({
      message: `${message} (space to pick, Enter when done)`,
      choices: [...choicesFor(question), ...tail],
      checked: Array.isArray(previous?.value)
        ? previous.value
        : previous?.value === unknownAnswer
          ? [unknownAnswer]
          : [],
      validate: (values) => {
        // An Enter pressed too soon commits nothing: "none of these" is said by picking Unknown, or an option for it.
        if (values.length === 0)
          return `Pick at least one with space, or "Unknown" if it did not come up.`;
        // Back goes back whatever else is ticked: the picks of this question are not kept.
        if (values.includes(backValue)) return true;
        if (values.includes(unknownAnswer) && values.length > 1)
          return `"Unknown" cannot go with other answers.`;
        return true;
      },
    });
    if (picked.includes(backValue)) return { kind: 'back' };
    value = picked.includes(unknownAnswer)
      ? unknownAnswer
      : question.choices.map((c) => c.value).filter((v) => picked.includes(v));
  } else {
    const picked = await prompter.select({
      message,
      choices: [...choicesFor(question), ...tail],
      default:
        previous === undefined || Array.isArray(previous.value)
          ? unknownAnswer
          : String(previous.value),
    });
    if (picked === backValue) return { kind: 'back' };
    value = question.type === 'scale' && picked !== unknownAnswer ? Number(picked) : picked;
  }
  if (value === unknownAnswer) return { kind: 'answer', answer: { value } };
  return askNote(question, value, previous, back, prompter, keep);
}

/**
 * Keeps a committing answer, then asks for their words: an earlier note is
 * offered as the default (Enter keeps it, an emptied line clears it), and `<`
 * asks the question again.
 */
async function askNote(
  question: Question,
  value: AnswerValue,
  previous: Answer | undefined,
  back: string | undefined,
  prompter: Prompter,
  keep: (answer: Answer) => void,
): Promise<Step> {
  // The choice is kept (in the draft) before its note is asked: a stop at the note prompt loses nothing chosen.
  // Their earlier words stay with an unchanged choice, and with any text answer, until the prompt says otherwise.
  const same =
    question.type === 'text' ||
    (previous !== undefined && JSON.stringify(previous.value) === JSON.stringify(value));
  const earlier = same ? previous?.note : undefined;
  keep(earlier === undefined ? { value } : { value, note: earlier });

  const offered =
    previous?.note !== undefined && offerable(previous.note) ? previous.note : undefined;
  const note = await prompter.input({
    // An earlier note is offered as the default: Enter keeps it, Backspace on the empty line clears it.
    message:
      offered === undefined
        ? `Their words, if worth keeping (Enter to skip, ${backInput} to answer again)`
        : `Their words (Enter keeps them, Backspace then Enter clears them, ${backInput} to answer again)`,
    ...(offered === undefined ? {} : { default: offered }),
    validate: (v) =>
      v.length > maxTextLength ? `Keep it under ${maxTextLength} characters.` : true,
  });
  const words = note.trim();
  // Answered again, the earlier words are still offered.
  if (words === backInput)
    return ask(
      question,
      previous?.note === undefined ? { value } : { value, note: previous.note },
      back,
      prompter,
      keep,
    );
  return { kind: 'answer', answer: words === '' ? { value } : { value, note: words } };
}

/**
 * Runs the interview: asks every question the flow reaches that has no answer
 * yet (or is to be asked again), in order, with the interviewer's help and a
 * progress line; "← back" re-asks the previous answered question, and the
 * flow is recomputed from the new answer. Answers that a change takes out of
 * the flow are dropped (but remembered as defaults if the question comes
 * back). Every choice is handed to onAnswer before the next prompt opens
 * (its note included), so nothing entered is ever lost. With `review`, the
 * answers are shown on one screen before returning, until confirmed.
 */
export async function runInterview(options: InterviewOptions): Promise<Map<string, Answer>> {
  const { bank, prompter, style } = options;
  const offered = options.offered ?? new Map<string, Answer>();
  const answers = new Map([...offered, ...options.answers]);
  const remembered = new Map(answers);
  // Answered, but to be asked again (the way back, an edit without review, "every question again").
  const pending = new Set(options.review === true ? [] : offered.keys());
  let changing: Question | undefined;
  let lastSection = '';

  for (;;) {
    const flow = walkFlow(bank, answers);
    // Drop answers the current flow no longer reaches; keep them as defaults.
    const reached = new Set(flow.steps.map((s) => s.question.id));
    for (const id of [...answers.keys()]) if (!reached.has(id)) answers.delete(id);
    const question =
      changing ??
      flow.steps.find((s) => s.answer === undefined || pending.has(s.question.id))?.question;
    changing = undefined;
    if (question === undefined) {
      if (options.review !== true) break;
      const choice = await reviewAnswers(bank, answers, prompter);
      if (choice.kind === 'confirm') break;
      if (choice.kind === 'all') for (const s of flow.steps) pending.add(s.question.id);
      else changing = choice.question;
      lastSection = '';
      continue;
    }
    const reviewing = !pending.has(question.id) && answers.has(question.id);
    const index = flow.steps.findIndex((s) => s.question.id === question.id);
    // "Back" means the closest earlier question that has an answer, from this session or before it.
    const previous = flow.steps
      .slice(0, index)
      .reverse()
      .find((s) => s.answer !== undefined)?.question;
    if (question.section !== lastSection) {
      lastSection = question.section;
      options.write(`\n${style.bold(safe(question.section))}\n`);
    }
    options.write(`${style.dim(`Question ${index + 1} of about ${flow.steps.length}`)}\n`);
    if (question.help !== undefined)
      options.write(`${style.dim(promptHelp(safeLines(question.help), prompter.columns ?? 80))}\n`);

    const back = reviewing
      ? 'Back to the review; this answer stays as it was.'
      : previous !== undefined
        ? 'Change the previous answer.'
        : options.backAtStart?.description;
    const before = answers.get(question.id);
    const keep = (chosen: Answer): void => {
      answers.set(question.id, chosen);
      options.onAnswer(answers);
    };
    const step = await ask(question, remembered.get(question.id), back, prompter, keep);
    if (step.kind === 'back') {
      // A choice kept before the way back was taken is undone.
      if (answers.get(question.id) !== before) {
        if (before === undefined) answers.delete(question.id);
        else answers.set(question.id, before);
        options.onAnswer(answers);
      }
      if (reviewing) continue;
      if (previous !== undefined) pending.add(previous.id);
      else await options.backAtStart?.go();
      lastSection = '';
      continue;
    }
    pending.delete(question.id);
    answers.set(question.id, step.answer);
    remembered.set(question.id, step.answer);
    options.onAnswer(answers);
  }
  return answers;
}

/**
 * Asks for the prospect's name; empty means no name. `current` (when going
 * back to correct it) is offered as the default. The name is the start of
 * the interview: `<` there has nothing to go back to, and is said so.
 */
export async function askProspect(
  prompter: Prompter,
  options: { signal?: AbortSignal; current?: string | undefined } = {},
): Promise<string | undefined> {
  const { signal, current } = options;
  const name = await prompter.input({
    ...(signal === undefined ? {} : { signal }),
    message: 'Prospect (company or person; Enter to skip)',
    ...(current === undefined || !offerable(current) ? {} : { default: current }),
    validate: (v) =>
      v.length > 200
        ? 'Keep it under 200 characters.'
        : v.trim() === backInput
          ? "The prospect's name comes first: there is nothing to go back to."
          : true,
  });
  const trimmed = name.trim();
  return trimmed === '' ? undefined : trimmed;
}
