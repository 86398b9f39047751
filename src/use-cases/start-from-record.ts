import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { renamedNote } from '../core/judgement/apply-replaces';
import type { AssessmentRecord } from '../core/records/record';
import { inputError, usageError } from '../errors';
import { safe } from '../render/terminal-safe';
import { loadBankOrFail } from './load-bank-or-fail';
import type { HintWords } from './hint-words';
import type { GatheredAnswers } from './run-scripted';
import { checkStoredAnswers, setAsideNote } from './run-scripted';
import { findRecord } from './find-record';
import { latestOfChain } from '../io/latest-record';

export interface EditOptions {
  readonly cwd: string;
  /** The record to correct: an id, an unambiguous id prefix, or a prospect name (its latest). */
  readonly ref: string;
  readonly store: string;
  /** --bank as given; else the bank the record was scored with (else `defaultBank`). */
  readonly bankFlag: string | undefined;
  readonly defaultBank: string;
  readonly answerArgs: readonly string[];
  readonly hints: HintWords;
  readonly note: (text: string) => void;
  readonly warn: (text: string) => void;
}

/**
 * A saved assessment reopened for correction: its answers checked against the bank, with the
 * --answer changes on top.
 */
export interface EditStart extends GatheredAnswers {
  readonly record: AssessmentRecord;
  readonly bankPath: string;
}

/**
 * `run --edit RECORD`: reads the record, loads the bank it was scored with
 * (or --bank), and checks its answers against that bank as an answers file
 * would be, the --answer flags applied on top. A mistake in a flag is
 * refused; an answer of the record that no longer fits the bank is dropped,
 * said, and asked again.
 */
export function startFromRecord(options: EditOptions): EditStart {
  const { program, storeFlag } = options.hints;
  const found = findRecord(
    options.store,
    options.ref,
    options.warn,
    `${program} history${storeFlag}`,
  );
  // A record corrected already is edited where its chain ends: corrections never fork.
  const record = latestOfChain(options.store, found.id) ?? found;
  if (record.id !== found.id)
    options.note(`${safe(found.id)} was corrected by ${safe(record.id)}; editing that.`);
  const bankFlag = options.bankFlag;
  const bankPath = resolve(options.cwd, bankFlag ?? record.bankPath ?? options.defaultBank);
  if (options.bankFlag === undefined && !existsSync(bankPath))
    throw inputError(
      `the bank the record ${record.id} was scored with is no longer at ${bankPath} (moved or ` +
        `deleted)`,
      [],
      `pass --bank PATH to correct the record with the bank where it is now`,
    );
  const { bank, contentHash } = loadBankOrFail(bankPath, options.cwd, program);
  if (options.bankFlag === undefined && bank.id !== record.report.bank.id)
    throw usageError(
      `the record ${record.id} was scored with the bank "${record.report.bank.id}", but ` +
        `${bankPath} is "${bank.id}"`,
      'pass --bank with the bank to correct it with',
    );
  const checked = checkStoredAnswers(
    bank,
    `record ${record.id}`,
    record.answers,
    options.answerArgs,
  );
  const dropped = checked.diagnostics
    .map((d) => d.path[1])
    .filter((id): id is string => typeof id === 'string');
  if (dropped.length > 0)
    options.note(
      `these answers of the record no longer fit the bank and will be asked again: ` +
        dropped.map(safe).join(', '),
    );
  if (checked.setAside.length > 0) options.note(setAsideNote(checked.setAside));
  if (checked.renamed.length > 0) options.note(renamedNote(checked.renamed));
  return {
    record,
    bank,
    bankPath,
    contentHash,
    answers: new Map([...checked.answers].filter(([id]) => !dropped.includes(id))),
    prospect: record.report.prospect ?? undefined,
    missing: checked.missing.map((m) => m.questionId),
    opened: checked.opened,
  };
}
