import { checkbox, input, select } from '@inquirer/prompts';
import { styleText } from 'node:util';
import { promptAnswer, promptChoice, promptDescription, promptMessage } from './prompt-text';
import type { PromptChoice, Prompter } from './prompter';

interface KeyInfo {
  readonly name?: string;
  readonly ctrl?: boolean;
}

/**
 * A prompt's message, choices (with their descriptions) and answer, wrapped
 * between words to `width` here: the prompt library would break them inside
 * words. `lead` is the width of what a choice line starts with (the cursor, a box).
 */
function laidOut(message: string, lead: number, choices: readonly PromptChoice[], width: number) {
  const shown = promptMessage(message, width);
  const answer = (text: string): string => styleText('cyan', promptAnswer(shown, text, width));
  return {
    message: shown,
    theme: { style: { answer } },
    choices: choices.map((c) => ({
      ...c,
      name: promptChoice(c.name, width, lead),
      short: c.name,
      ...(c.description === undefined
        ? {}
        : { description: promptDescription(c.description, width) }),
    })),
  };
}

/**
 * The picks of a multiple choice once given: joined with "; " as the report
 * joins them (the labels hold commas).
 */
const joinedPicks = (picked: readonly { short: string }[]): string =>
  picked.map((c) => c.short).join('; ');

interface Streams {
  readonly input: NodeJS.ReadStream;
  readonly output: NodeJS.WriteStream;
}

/** What every prompt of @inquirer/prompts takes besides its config. */
type PromptContext = Streams & { signal: AbortSignal };

/**
 * Shows one prompt, aborted by Ctrl+D, by the end of input, or by `outer`.
 * Left alone, an end of input would leave the prompt waiting until the
 * process exits.
 */
async function untilStopped<T>(
  streams: Streams,
  ask: (context: PromptContext) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  outer?.addEventListener('abort', () => {
    controller.abort(outer.reason);
  });
  const onKey = (_text: unknown, key: KeyInfo | undefined): void => {
    if (key?.ctrl === true && key.name === 'd') controller.abort(new Error('Ctrl+D'));
  };
  const onEnd = (): void => {
    controller.abort(new Error('end of input'));
  };
  streams.input.on('keypress', onKey);
  streams.input.once('end', onEnd);
  try {
    const { input, output } = streams;
    return await ask({ input, output, signal: controller.signal });
  } finally {
    streams.input.off('keypress', onKey);
    streams.input.off('end', onEnd);
  }
}

/**
 * The one module that talks to @inquirer/prompts. Prompts are drawn on
 * `output` (standard error), so `run --format json > report.json` keeps the
 * report clean. Ctrl+D aborts the prompt like Ctrl+C does.
 * Loaded with import() only when a prompt is actually shown.
 */
export function inquirerPrompter(streams: Streams): Prompter {
  const columns = (): number => streams.output.columns || 80;
  // The terminal's height; a stream that is not a terminal has none.
  const rows = (): number => (streams.output.isTTY ? streams.output.rows : 24);
  return {
    get columns() {
      return columns();
    },
    select: (config) =>
      untilStopped(streams, (context) =>
        select(
          {
            ...laidOut(config.message, 2, config.choices, columns()),
            // A longer list (the review) shows whole when the terminal is tall enough.
            pageSize: Math.max(12, Math.min(config.pageSize ?? 12, rows() - 4)),
            loop: false,
            ...(config.default === undefined ? {} : { default: config.default }),
          },
          context,
        ),
      ),
    checkbox: (config) =>
      untilStopped(streams, (context) => {
        const shown = laidOut(config.message, 3, config.choices, columns());
        return checkbox(
          {
            ...shown,
            theme: { style: { ...shown.theme.style, renderSelectedChoices: joinedPicks } },
            choices: shown.choices.map((c) => ({
              ...c,
              checked: config.checked.includes(c.value),
            })),
            // "a" and "i" would tick Unknown and Back with the options: off; space picks.
            shortcuts: { all: null, invert: null },
            pageSize: 12,
            loop: false,
            validate: (picked) => config.validate(picked.map((c) => c.value)),
          },
          context,
        );
      }),
    input: (config) =>
      untilStopped(
        streams,
        (context) => {
          const { message, theme } = laidOut(config.message, 0, [], columns());
          return input(
            {
              message,
              theme,
              ...(config.default === undefined ? {} : { default: config.default }),
              ...(config.validate === undefined ? {} : { validate: config.validate }),
            },
            context,
          );
        },
        config.signal,
      ),
  };
}
