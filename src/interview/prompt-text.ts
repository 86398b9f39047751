import { displayWidth, wrapText } from '../render/wrap-text';

/**
 * Prompt text laid out for @inquirer/prompts, which breaks a line that is too
 * long at the terminal's edge, inside words. Text handed over here is wrapped
 * between words first, so the prompt library has nothing left to break.
 * A prompt line starts with a one-column mark and a space (`? `, `✔ `).
 */
const markWidth = 2;

/** Below this the terminal is too narrow to lay anything out; the text is left to the terminal. */
const narrowest = 20;

/** A message wrapped to `columns`: its first line after the mark, the others under the first. */
export function promptMessage(message: string, columns: number): string {
  if (columns < narrowest) return message;
  const [first = '', ...rest] = wrapText(message, {
    width: columns,
    first: ' '.repeat(markWidth),
    rest: ' '.repeat(markWidth),
  });
  return [first.slice(markWidth), ...rest].join('\n');
}

/**
 * An answer as shown after its message once given: on the message's last
 * line when it fits there, else on lines of its own under the message.
 * `message` is the message as promptMessage laid it out.
 */
export function promptAnswer(message: string, answer: string, columns: number): string {
  if (columns < narrowest) return answer;
  const lines = message.split('\n');
  const last = displayWidth(lines.at(-1) ?? '') + (lines.length === 1 ? markWidth : 0);
  if (last + 1 + displayWidth(answer) <= columns) return answer;
  return `\n${wrapText(answer, { width: columns, first: ' '.repeat(markWidth), rest: ' '.repeat(markWidth) }).join('\n')}`;
}

/** A choice's name wrapped under the cursor column (`❯ ` or `◯ ` before it: `lead` columns). */
export function promptChoice(name: string, columns: number, lead: number): string {
  if (columns < narrowest || displayWidth(name) + lead <= columns) return name;
  const [first = '', ...rest] = wrapText(name, {
    width: columns,
    first: ' '.repeat(lead),
    rest: ' '.repeat(lead),
  });
  return [first.slice(lead), ...rest].join('\n');
}

/** A question's help is not wrapped wider than this (its indent included), however wide the terminal. */
const helpWidth = 74;

/**
 * A question's help, shown above its prompt: indented two columns and wrapped
 * between words to the terminal's width (at most helpWidth), line breaks kept.
 */
export function promptHelp(help: string, columns: number): string {
  const indent = ' '.repeat(markWidth);
  return wrapText(help, {
    width: Math.max(narrowest, Math.min(columns, helpWidth)),
    first: indent,
    rest: indent,
  }).join('\n');
}

/** A choice's description, shown under the list while the choice is active: wrapped to the terminal's width. */
export function promptDescription(description: string, columns: number): string {
  return columns < narrowest ? description : wrapText(description, { width: columns }).join('\n');
}
