// @inquirer/testing/vitest must come first: it mocks every @inquirer prompt with a test screen.
import { screen } from '@inquirer/testing/vitest';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/core/judgement/answers';
import { inquirerPrompter } from '../../src/interview/inquirer-prompter';
import { askProspect, runInterview } from '../../src/interview/interview';
import { nothingBefore } from '../../src/interview/ask-question';
import type { Prompter } from '../../src/interview/prompter';
import { reviewAnswers } from '../../src/interview/review';
import { plainStyle } from '../../src/render/style';
import { displayWidth } from '../../src/render/wrap-text';
import { loadMini, miniSection } from '../helpers/mini-bank';

const loaded = loadMini().bank;
if (loaded === undefined) throw new Error('mini bank');
const bank = loaded;
const prompter = inquirerPrompter({
  input: new PassThrough() as unknown as NodeJS.ReadStream,
  output: new PassThrough() as unknown as NodeJS.WriteStream,
});

function start(answers: ReadonlyMap<string, Answer> = new Map()) {
  const written: string[] = [];
  const saves: Map<string, Answer>[] = [];
  const done = runInterview({
    bank,
    answers,
    prompter,
    style: plainStyle,
    write: (t) => written.push(t),
    onAnswer: (a) => saves.push(new Map(a)),
  });
  return { done, written, saves };
}

describe('the interview flow (prompts on a test screen)', () => {
  // Node's readline edits a line (Backspace and the rest) only on a terminal it knows: with
  // TERM=dumb, as many CI runners set it, it takes keys as plain text. The test screen is a terminal.
  beforeEach(() => {
    vi.stubEnv('TERM', 'xterm-256color');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('asks in flow order with progress, help, unknown and back; a follow-up only when opened', async () => {
    const { done, written, saves } = start();
    expect(screen.getScreen()).toContain('Where does the idea come from?');
    expect(screen.getScreen()).toContain("Unknown / didn't come up");
    expect(screen.getScreen()).not.toContain('← Back');
    expect(written.join('')).toContain('Question 1 of about 3');
    expect(screen.getScreen()).toMatch(/❯ Unknown/); // the cursor starts on no committing answer
    screen.keypress('up');
    screen.keypress('enter'); // competitor
    await screen.next();
    expect(screen.getScreen()).toContain('Their words');
    // The choice is saved before its note is asked.
    expect(saves[0]?.get('source')).toEqual({ value: 'competitor' });
    screen.type('They do well with it');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Why?');
    expect(screen.getScreen()).toContain('← Back');
    expect(written.join('')).toContain('Question 2 of about 5');
    expect(saves[1]?.get('source')).toEqual({ value: 'competitor', note: 'They do well with it' });
    // Back: the previous question again, with its answer preselected.
    screen.keypress('down');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toMatch(/❯ A competitor/);
    screen.keypress('up');
    screen.keypress('enter'); // research: no follow-up, no "owner"
    await screen.next();
    expect(screen.getScreen()).toContain('They do well with it'); // their words are offered again
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('How well do they know their market?');
    screen.keypress('enter'); // unknown: where the cursor starts
    await screen.next();
    expect(screen.getScreen()).toContain('Notes');
    screen.type('Nice people');
    screen.keypress('enter');
    const answers = await done;
    expect([...answers.keys()]).toEqual(['source', 'knowledge', 'notes']);
    expect(answers.get('source')).toEqual({ value: 'research', note: 'They do well with it' });
    expect(answers.get('knowledge')).toEqual({ value: 'unknown' });
    expect(answers.get('notes')).toEqual({ value: 'Nice people' });
    expect(saves.length).toBeGreaterThanOrEqual(4);
  });

  it('asks only the questions without an answer', async () => {
    const { done } = start(
      new Map([
        ['source', { value: 'research' }],
        ['knowledge', { value: 4 }],
      ]),
    );
    expect(screen.getScreen()).toContain('Notes');
    screen.keypress('enter');
    const answers = await done;
    expect(answers.get('notes')).toEqual({ value: 'unknown' });
  });

  it('takes the prospect name, and none', async () => {
    const named = askProspect(prompter);
    screen.type('  Acme Ltd ');
    screen.keypress('enter');
    expect(await named).toBe('Acme Ltd');
    const unnamed = askProspect(prompter);
    screen.keypress('enter');
    expect(await unnamed).toBeUndefined();
  });

  it('refuses "<" as a name (nothing comes before it), and offers the current name when going back to it', async () => {
    const named = askProspect(prompter, { current: 'Acme Lt' });
    expect(screen.getScreen()).toContain('Acme Lt');
    screen.type('<');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain(
      "The prospect's name comes first: there is nothing to go back to.",
    );
    screen.keypress('backspace');
    screen.type('Acme Ltd');
    screen.keypress('enter');
    expect(await named).toBe('Acme Ltd');
    // Enter keeps the name offered.
    const kept = askProspect(prompter, { current: 'Acme Ltd' });
    screen.keypress('enter');
    expect(await kept).toBe('Acme Ltd');
  });
});

describe('the edges of the interview', () => {
  it('never saves "<" as the answer to a first text question: there is nothing to go back to', async () => {
    const { shippedBank } = await import('../helpers/examples');
    const shipped = shippedBank();
    let saved: ReadonlyMap<string, Answer> = new Map();
    const done = runInterview({
      bank: shipped,
      answers: new Map(),
      prompter,
      style: plainStyle,
      write: () => undefined,
      onAnswer: (a) => (saved = new Map(a)),
    });
    expect(screen.getScreen()).toContain('(Enter to skip)');
    screen.type('<');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain(nothingBefore);
    expect(saved.size).toBe(0);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('goes back from the first question to what comes before it (the name), then asks that question again', async () => {
    const { shippedBank } = await import('../helpers/examples');
    let backs = 0;
    // An interview from its first question, whose way back (to the name) is counted.
    const fromStart = (start: typeof bank): Promise<unknown> =>
      runInterview({
        bank: start,
        answers: new Map(),
        prompter,
        style: plainStyle,
        write: () => undefined,
        onAnswer: () => undefined,
        backAtStart: {
          description: "Change the prospect's name.",
          go: () => {
            backs++;
            return Promise.resolve();
          },
        },
      });
    const done = fromStart(shippedBank());
    expect(screen.getScreen()).toContain('< to go back');
    screen.type('<');
    screen.keypress('enter');
    await screen.next();
    expect(backs).toBe(1);
    expect(screen.getScreen()).toContain('What are they asking for, in their own words?');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });

    // A list question first in the flow offers the same way back, described.
    const listFirst = fromStart(bank);
    screen.keypress('down');
    expect(screen.getScreen()).toMatch(/❯ ← Back/);
    expect(screen.getScreen()).toContain("Change the prospect's name.");
    screen.keypress('enter');
    await screen.next();
    expect(backs).toBe(2);
    expect(screen.getScreen()).toContain('Where does the idea come from?');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(listFirst).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('opens the decisive endorsement question with the cursor on Unknown, not on the answer that declines', async () => {
    const { shippedBank } = await import('../helpers/examples');
    const shipped = shippedBank();
    const before = new Map<string, Answer>([
      ['request', { value: 'x' }],
      ['request-source', { value: 'research' }],
      ['outcome-owner', { value: 'theirs' }],
    ]);
    const done = runInterview({
      bank: shipped,
      answers: before,
      prompter,
      style: plainStyle,
      write: () => undefined,
      onAnswer: () => undefined,
    });
    expect(screen.getScreen()).toContain('Do they need us to agree');
    expect(screen.getScreen()).toMatch(/❯ Unknown/);
    expect(screen.getScreen()).not.toMatch(/❯ Yes/);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });
  });
});

describe('multiple choice', () => {
  /** An interview of the shipped bank with the answers that lead to its multiple-choice question, now on screen. */
  const atValued = async (): Promise<{
    done: Promise<unknown>;
    saved: () => ReadonlyMap<string, Answer>;
  }> => {
    const { shippedBank } = await import('../helpers/examples');
    const before = new Map<string, Answer>([
      ['request', { value: 'x' }],
      ['request-source', { value: 'research' }],
      ['outcome-owner', { value: 'theirs' }],
      ['needs-endorsement', { value: 'no' }],
    ]);
    let last: ReadonlyMap<string, Answer> = new Map();
    const done = runInterview({
      bank: shippedBank(),
      answers: before,
      prompter,
      style: plainStyle,
      write: () => undefined,
      onAnswer: (a) => (last = new Map(a)),
    });
    expect(screen.getScreen()).toContain('What did they say they value about working with us?');
    return { done, saved: () => last };
  };

  it('an Enter with nothing picked records nothing: it asks for a pick or "Unknown"', async () => {
    const { done, saved } = await atValued();
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain(
      'Pick at least one with space, or "Unknown" if it did not come up.',
    );
    expect(saved().has('valued')).toBe(false);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('refuses "unknown" together with other answers, then takes a list in bank order', async () => {
    const { done, saved } = await atValued();
    screen.keypress('down');
    screen.keypress('space'); // our-craft
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('space'); // unknown
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('"Unknown" cannot go with other answers.');
    screen.keypress('space'); // unpick unknown
    screen.keypress('up');
    screen.keypress('up');
    screen.keypress('up');
    screen.keypress('up');
    screen.keypress('space'); // our-thinking
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter'); // no note
    await screen.next();
    expect(screen.getScreen()).toContain('Are they comfortable with how we work');
    expect(saved().get('valued')).toEqual({ value: ['our-thinking', 'our-craft'] });
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('goes back with options still ticked: Back wins, and the picks are not kept', async () => {
    const { done, saved } = await atValued();
    screen.keypress('down');
    screen.keypress('space'); // our-craft
    for (let i = 0; i < 4; i++) screen.keypress('down'); // past Unknown to Back
    screen.keypress('space');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).not.toContain('on its own');
    expect(screen.getScreen()).not.toContain('What did they say they value');
    expect(saved().has('valued')).toBe(false);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('"a" and "i" tick nothing (they would tick Unknown and Back too): space picks', async () => {
    const { done, saved } = await atValued();
    screen.keypress('a');
    expect(screen.getScreen()).not.toMatch(/◉/);
    screen.keypress('i');
    expect(screen.getScreen()).not.toMatch(/◉/);
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Pick at least one with space');
    expect(saved().has('valued')).toBe(false);
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('an earlier note is offered again, and cleared with Backspace then Enter', async () => {
    const { done, saves } = start();
    screen.keypress('up');
    screen.keypress('enter'); // competitor
    await screen.next();
    screen.type('They do well with it');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('down');
    screen.keypress('enter'); // back to the first question
    await screen.next();
    screen.keypress('enter'); // competitor again, preselected
    await screen.next();
    expect(screen.getScreen()).toContain('Backspace then Enter clears them');
    expect(screen.getScreen()).toContain('They do well with it');
    screen.keypress('backspace');
    screen.keypress('enter');
    await screen.next();
    expect(saves.at(-1)?.get('source')).toEqual({ value: 'competitor' });
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });
  });
});

describe('nothing chosen is lost', () => {
  it('keeps a choice in the draft when the interview is stopped at its note prompt', async () => {
    const { done, saves } = start();
    screen.keypress('up');
    screen.keypress('enter'); // competitor
    await screen.next();
    expect(screen.getScreen()).toContain('Their words');
    expect(saves.at(-1)?.get('source')).toEqual({ value: 'competitor' });
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toMatchObject({ name: 'ExitPromptError' });
    expect(saves.at(-1)?.get('source')).toEqual({ value: 'competitor' });
  });
});

describe('the review before the verdict', () => {
  const given = new Map<string, Answer>([
    ['source', { value: 'competitor', note: 'They do well with it' }],
    ['why', { value: 'insists' }],
    ['owner', { value: 'yes' }],
    ['knowledge', { value: 4 }],
    ['notes', { value: 'Nice people' }],
  ]);

  it('shows every answer on one screen, changes one (its follow-ups asked or dropped), then confirms', async () => {
    const saves: Map<string, Answer>[] = [];
    const done = runInterview({
      bank,
      answers: new Map(),
      offered: given,
      review: true,
      prompter,
      style: plainStyle,
      write: () => undefined,
      onAnswer: (a) => saves.push(new Map(a)),
    });
    const review = screen.getScreen();
    expect(review).toMatch(/❯ ✓ Confirm/);
    expect(review).toContain('1. Where does the idea come from? → A competitor');
    expect(review).toContain('2. Why? → Insists');
    expect(review).toContain('3. Will they own the result? → Yes');
    expect(review).toContain('4. How well do they know their market? → 4');
    expect(review).toContain('5. Notes → Nice people');
    screen.keypress('down'); // 1. source
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toMatch(/❯ A competitor/);
    screen.keypress('up');
    screen.keypress('enter'); // research: "why" and "owner" leave the flow
    await screen.next();
    expect(saves.at(-1)?.get('source')).toEqual({ value: 'research' }); // kept before the note
    expect(screen.getScreen()).toContain('They do well with it');
    screen.keypress('enter'); // keep their words
    await screen.next();
    const again = screen.getScreen();
    expect(again).toContain('Review: 3 answers');
    expect(again).toContain('1. Where does the idea come from? → Research');
    expect(again).not.toContain('Why?');
    screen.keypress('enter');
    const answers = await done;
    expect([...answers.keys()]).toEqual(['source', 'knowledge', 'notes']);
    expect(answers.get('source')).toEqual({ value: 'research', note: 'They do well with it' });
  });

  it('goes back from a change to the review with the answer as it was', async () => {
    const saves: Map<string, Answer>[] = [];
    const done = runInterview({
      bank,
      answers: new Map(),
      offered: given,
      review: true,
      prompter,
      style: plainStyle,
      write: () => undefined,
      onAnswer: (a) => saves.push(new Map(a)),
    });
    screen.keypress('down');
    screen.keypress('down'); // 2. why
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toMatch(/❯ Insists/);
    screen.keypress('up'); // light-bulb
    screen.keypress('enter');
    await screen.next();
    screen.type('<'); // answer again …
    screen.keypress('enter');
    await screen.next();
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('down'); // … then ← Back: to the review, unchanged
    expect(screen.getScreen()).toMatch(/❯ ← Back/);
    expect(screen.getScreen()).toContain('Back to the review; this answer stays as it was.');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('2. Why? → Insists');
    expect(saves.at(-1)?.get('why')).toEqual({ value: 'insists' });
    screen.keypress('enter');
    expect((await done).get('why')).toEqual({ value: 'insists' });
  });

  it('without review, an edit asks every question again with its answer preselected', async () => {
    const done = runInterview({
      bank,
      answers: new Map(),
      offered: given,
      prompter,
      style: plainStyle,
      write: () => undefined,
      onAnswer: () => undefined,
    });
    expect(screen.getScreen()).toMatch(/❯ A competitor/);
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('They do well with it');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toMatch(/❯ Insists/);
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter'); // no note
    await screen.next();
    expect(screen.getScreen()).toMatch(/❯ yes/i);
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toMatch(/❯ 4/);
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Nice people');
    screen.keypress('enter');
    expect(await done).toEqual(given);
  });

  it('a changed text answer keeps their words (offered, kept before the prompt) unless cleared', async () => {
    const noted = new Map([...given, ['notes', { value: 'Nice people', note: 'Said it twice' }]]);
    const saves: Map<string, Answer>[] = [];
    const done = runInterview({
      bank,
      answers: noted,
      offered: noted,
      review: true,
      prompter,
      style: plainStyle,
      write: () => undefined,
      onAnswer: (a) => saves.push(new Map(a)),
    });
    const change = async (text: string): Promise<void> => {
      for (let i = 0; i < 5; i++) screen.keypress('down'); // 5. notes
      screen.keypress('enter');
      await screen.next();
      expect(screen.getScreen()).toContain('Notes');
      screen.type(text);
      screen.keypress('enter');
      await screen.next();
    };
    await change('Very nice people');
    // Their words are offered again, and already kept with the new answer.
    expect(screen.getScreen()).toContain('Said it twice');
    expect(saves.at(-1)?.get('notes')).toEqual({
      value: 'Very nice people',
      note: 'Said it twice',
    });
    screen.keypress('enter');
    await screen.next();
    expect(saves.at(-1)?.get('notes')).toEqual({
      value: 'Very nice people',
      note: 'Said it twice',
    });
    await change('Nice, careful people');
    screen.keypress('backspace'); // cleared
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Review: 5 answers');
    screen.keypress('enter');
    expect((await done).get('notes')).toEqual({ value: 'Nice, careful people' });
  });
});

describe('the review at the terminal width', () => {
  const given = new Map<string, Answer>([
    ['source', { value: 'competitor' }],
    ['why', { value: 'insists' }],
    ['owner', { value: 'yes' }],
    ['knowledge', { value: 4 }],
  ]);
  /** The review's answer lines as a terminal `columns` wide would get them. */
  async function reviewLines(columns: number): Promise<string[]> {
    let names: string[] = [];
    const scripted: Prompter = {
      columns,
      select: (config) => {
        names = config.choices.filter((c) => !c.value.startsWith(':')).map((c) => c.name);
        return Promise.resolve(':confirm');
      },
      checkbox: () => Promise.reject(new Error('not asked')),
      input: () => Promise.reject(new Error('not asked')),
    };
    expect(await reviewAnswers(bank, given, scripted)).toEqual({ kind: 'confirm' });
    return names;
  }

  it('cuts each line to a narrow terminal, and leaves it whole on a wide one', async () => {
    const narrow = await reviewLines(44);
    expect(narrow).toHaveLength(5); // the notes too, unanswered
    for (const line of narrow) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(narrow[0]).toMatch(/^1\. Where does the idea \S*… → A competitor$/);
    expect(await reviewLines(200)).toContain('1. Where does the idea come from? → A competitor');
  });
});

describe("a question's help, shown above its prompt", () => {
  const help =
    'Listen for whether they name our thinking, our craft, or however well we run an agency, and what they are buying.';
  /** What the interview writes before the first prompt, on a terminal `columns` wide. */
  async function helpLines(columns: number): Promise<string[]> {
    const withHelp = loadMini({
      section: miniSection.replace(
        '    prompt: Where does the idea come from?\n',
        `$&    help: ${help}\n`,
      ),
    });
    if (withHelp.bank === undefined) throw new Error('mini bank with help');
    const written: string[] = [];
    const scripted: Prompter = {
      columns,
      select: () => Promise.reject(new Error('stop here')),
      checkbox: () => Promise.reject(new Error('not asked')),
      input: () => Promise.reject(new Error('not asked')),
    };
    await expect(
      runInterview({
        bank: withHelp.bank,
        answers: new Map(),
        prompter: scripted,
        style: plainStyle,
        write: (t) => written.push(t),
        onAnswer: () => undefined,
      }),
    ).rejects.toThrow('stop here');
    return (written.find((t) => t.includes('Listen for')) ?? '').trimEnd().split('\n');
  }

  it.each([60, 80, 120])(
    'at %i columns fits the terminal and breaks only between words',
    async (columns) => {
      const lines = await helpLines(columns);
      for (const line of lines)
        expect(displayWidth(line)).toBeLessThanOrEqual(Math.min(columns, 74));
      expect(
        lines
          .join(' ')
          .split(/\s+/)
          .filter((w) => w !== ''),
      ).toEqual(help.split(' '));
    },
  );
});

describe('a multiple-choice answer, once given', () => {
  it('is echoed with its labels joined by "; " (the labels hold commas), as the report joins them', async () => {
    const done = prompter.checkbox({
      message: 'What do they value?',
      choices: [
        { value: 'thinking', name: 'Our thinking — research, strategy, being challenged' },
        { value: 'craft', name: 'The quality of our craft — design, writing, build' },
        { value: 'price', name: 'The price' },
      ],
      checked: [],
      validate: () => true,
    });
    screen.keypress('space');
    screen.keypress('down');
    screen.keypress('space');
    screen.keypress('enter');
    expect(await done).toEqual(['thinking', 'craft']);
    expect(screen.getScreen().replace(/\s+/g, ' ')).toContain(
      'Our thinking — research, strategy, being challenged; The quality of our craft — design, writing, build',
    );
  });
});
