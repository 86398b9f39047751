import type { Bank } from './bank';
import { choicesAndBands } from './bank';

const followUpsByBank = new WeakMap<Bank, ReadonlySet<string>>();

/**
 * Ids of every question that some answer opens: those are asked only when opened. Worked out once
 * per bank.
 */
export function followUpIds(bank: Bank): ReadonlySet<string> {
  const known = followUpsByBank.get(bank);
  if (known !== undefined) return known;
  const ids = new Set<string>();
  for (const q of bank.questions) {
    for (const effect of choicesAndBands(q)) for (const id of effect.opens) ids.add(id);
  }
  followUpsByBank.set(bank, ids);
  return ids;
}
