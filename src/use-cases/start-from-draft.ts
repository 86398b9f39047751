import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { renamedNote } from '../core/judgement/apply-replaces';
import { inputError, UserError, usageError } from '../errors';
import type { StoredDraft } from '../io/drafts';
import { draftsDir } from '../io/drafts';
import { safe } from '../render/terminal-safe';
import type { AssessOptions, Start } from './assess-prospect';
import { findAndHoldDraft } from './find-draft';
import { loadBankOrFail } from './load-bank-or-fail';
import { checkStoredAnswers, setAsideNote } from './run-scripted';

/** The draft to resume, held from now until its record is saved (see findAndHoldDraft). */
export async function startFromDraft(
  options: AssessOptions,
  ref: string | undefined,
): Promise<Start> {
  const { stored, hold } = await findAndHoldDraft(draftsDir(options.env), ref, options);
  try {
    return { ...loadDraft(options, stored), hold };
  } catch (error) {
    if (hold.kind === 'held') hold.lock.release();
    throw error;
  }
}

/** Loads a draft to resume: its bank (or --bank), and its answers re-checked against that bank. */
function loadDraft(options: AssessOptions, stored: StoredDraft): Omit<Start, 'hold'> {
  // Drafts keep the bank's absolute path (older ones kept it as typed: taken from here).
  const bankPath = resolve(options.cwd, options.bankFlag ?? stored.draft.bank.path);
  const moveHint =
    `pass --bank PATH to resume the draft ${stored.id} with the bank where it is ` + `now`;
  if (options.bankFlag === undefined && !existsSync(bankPath))
    throw inputError(
      `the bank the draft ${stored.id} was started with is no longer at ${bankPath} (moved or ` +
        `deleted)`,
      [],
      moveHint,
    );
  let loaded: ReturnType<typeof loadBankOrFail>;
  try {
    loaded = loadBankOrFail(bankPath, options.cwd, options.hints.program);
  } catch (error) {
    // The bank may have changed since the draft was started: say how to point at another.
    if (error instanceof UserError && options.bankFlag === undefined)
      throw new UserError(error.message, {
        exitCode: error.exitCode,
        diagnostics: error.diagnostics,
        hint: `the draft ${stored.id} was started with this bank; ${moveHint}`,
      });
    throw error;
  }
  const { bank, contentHash } = loaded;
  if (bank.id !== stored.draft.bank.id) {
    throw usageError(
      `the draft ${stored.id} was written for the bank "${stored.draft.bank.id}", not ` +
        `"${bank.id}"`,
      'pass --bank with the bank it was written for',
    );
  }
  // --answer changes the draft's answers as it would a file's; a mistake in a flag is refused, the
  // draft's own are asked again.
  const checked = checkStoredAnswers(bank, stored.path, stored.draft.answers, options.answerArgs);
  if (contentHash !== stored.draft.bank.contentHash)
    options.note(
      'the bank has changed since this draft was started; its answers were checked again.',
    );
  const dropped = checked.diagnostics
    .map((d) => d.path[1])
    .filter((id): id is string => typeof id === 'string');
  if (dropped.length > 0)
    options.note(
      `these answers no longer fit the bank and will be asked again: ` +
        dropped.map(safe).join(', '),
    );
  if (checked.setAside.length > 0) options.note(setAsideNote(checked.setAside));
  if (checked.renamed.length > 0) options.note(renamedNote(checked.renamed));
  const answers = new Map([...checked.answers].filter(([id]) => !dropped.includes(id)));
  return {
    bank,
    bankPath,
    contentHash,
    answers,
    prospect: stored.draft.prospect ?? undefined,
    missing: checked.missing.map((m) => m.questionId),
    opened: checked.opened,
    draft: stored,
    corrects: stored.draft.corrects,
  };
}
