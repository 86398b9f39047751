import type { Bank, Question } from '../core/bank/bank';
import type { Answer } from '../core/judgement/answers';
import { walkFlow } from '../core/judgement/flow';
import type { Style } from '../render/style';
import { safe, safeLines } from '../render/terminal-safe';
import type { Asking, Step } from './ask-question';
import { askQuestion, offerable } from './ask-question';
import { promptHelp } from './prompt-text';
import type { Prompter } from './prompter';
import { backInput } from './prompter';
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
  /**
   * Before returning, show every answer on one screen, any of them
   * changeable, until confirmed.
   */
  readonly review?: boolean;
}

/**
 * Writes what comes before a question: its section's heading (when the
 * section changes), the progress line, and the interviewer's help.
 */
function introduce(
  options: InterviewOptions,
  question: Question,
  newSection: boolean,
  progress: { index: number; total: number },
): void {
  const { style } = options;
  if (newSection) options.write(`\n${style.bold(safe(question.section))}\n`);
  options.write(`${style.dim(`Question ${progress.index + 1} of about ${progress.total}`)}\n`);
  if (question.help !== undefined) {
    const columns = options.prompter.columns ?? 80;
    options.write(`${style.dim(promptHelp(safeLines(question.help), columns))}\n`);
  }
}

/**
 * Asks one question of the flow, each choice handed to onAnswer as soon as it
 * is made; a choice kept before "back" was taken is undone.
 */
async function askKept(
  options: InterviewOptions,
  answers: Map<string, Answer>,
  asking: Pick<Asking, 'question' | 'previous' | 'back'>,
): Promise<Step> {
  const id = asking.question.id;
  const before = answers.get(id);
  const keep = (chosen: Answer): void => {
    answers.set(id, chosen);
    options.onAnswer(answers);
  };
  const step = await askQuestion({ ...asking, prompter: options.prompter, keep });
  if (step.kind === 'back' && answers.get(id) !== before) {
    if (before === undefined) answers.delete(id);
    else answers.set(id, before);
    options.onAnswer(answers);
  }
  return step;
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
  const { bank, prompter } = options;
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
    introduce(options, question, question.section !== lastSection, {
      index,
      total: flow.steps.length,
    });
    lastSection = question.section;

    const back = reviewing
      ? 'Back to the review; this answer stays as it was.'
      : previous !== undefined
        ? 'Change the previous answer.'
        : options.backAtStart?.description;
    const step = await askKept(options, answers, {
      question,
      previous: remembered.get(question.id),
      back,
    });
    if (step.kind === 'back') {
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
