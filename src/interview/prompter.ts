/** One choice in a list prompt. `name` and `description` are already terminal-safe. */
export interface PromptChoice {
  readonly value: string;
  readonly name: string;
  readonly description?: string;
}

/**
 * What the interview needs from a prompt library. The real one wraps
 * @inquirer/prompts (src/interview/inquirer-prompter.ts); tests script their own.
 * Every method rejects with an error named ExitPromptError (Ctrl+C) or
 * AbortPromptError (aborted, e.g. on Ctrl+D) when the user stops.
 */
export interface Prompter {
  /** The terminal's width, where the prompts are drawn on one (lines are fitted to it). */
  readonly columns?: number;
  /** `pageSize`: how many choices show at once (at most the terminal's height allows). */
  select(config: {
    message: string;
    choices: readonly PromptChoice[];
    default?: string;
    pageSize?: number;
  }): Promise<string>;
  checkbox(config: {
    message: string;
    choices: readonly PromptChoice[];
    checked: readonly string[];
    validate: (values: readonly string[]) => true | string;
  }): Promise<string[]>;
  input(config: {
    message: string;
    default?: string;
    validate?: (value: string) => true | string;
    signal?: AbortSignal;
  }): Promise<string>;
}

/** The value of the "← back" choice (ids cannot contain a colon, so it never clashes). */
export const backValue = ':back';
/** What a text prompt takes to mean "back". */
export const backInput = '<';

/** Whether an error means the user stopped the interview (Ctrl+C, Ctrl+D, closed prompt). */
export function isPromptExit(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')
  );
}
