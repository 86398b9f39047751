import type { Bank } from '../bank/bank';
import type { RaisedFlag } from './assessment';
import { flagIndex } from './fit';
import type { Flow } from './flow';

/** The flags that count, each with the answers that raised it: red first, most severe first. */
export function raisedFlags(bank: Bank, flow: Flow, counting: ReadonlySet<string>): RaisedFlag[] {
  const index = flagIndex(bank);
  const flags: RaisedFlag[] = [];
  for (const [id, raisedBy] of flow.flags) {
    const flag = index.get(id);
    // A green flag is a strength: it adds nothing to the fit score and takes nothing away.
    if (flag && counting.has(id))
      flags.push({
        flag,
        raisedBy,
        points: flag.kind === 'red' ? bank.fit.points[flag.severity] : 0,
      });
  }
  const severityRank = { high: 0, medium: 1, low: 2 } as const;
  flags.sort(
    (a, b) =>
      (a.flag.kind === b.flag.kind ? 0 : a.flag.kind === 'red' ? -1 : 1) ||
      severityRank[a.flag.severity] - severityRank[b.flag.severity],
  );
  return flags;
}
