import { reportSchemaVersion } from '../report/report-schema';
import { round2 } from '../text/round';

/** A JSON object as read from a file, before any check. */
type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `list` with `step` applied to each of its objects (anything else is left for the check). */
const eachObject = (list: unknown, step: (item: Plain) => Plain): unknown =>
  Array.isArray(list)
    ? (list as unknown[]).map((item) => (isPlain(item) ? step(item) : item))
    : list;

/**
 * `object` with the fields its version did not have, set to their defaults (`added`),
 * and without the optional ones it could not hold (`absent`). A field it holds anyway
 * is kept under a name no schema knows, so the check that follows refuses the object,
 * at the object's own path, as the strict schema of its version did.
 */
function adding(object: Plain, added: Plain, absent: readonly string[] = []): Plain {
  const unknown = new Set([...Object.keys(added), ...absent]);
  // fromEntries, not assignment: a "__proto__" key from the file stays a plain key.
  const out = Object.fromEntries(
    Object.entries(object).map(([key, value]) => [
      unknown.has(key) ? `${key} (not in its version)` : key,
      value,
    ]),
  );
  return Object.assign(out, added);
}

/**
 * `object` with the value of `key` left out when its version could not hold it
 * (`allowed` says which it could), so the check names the field, as the schema
 * of its version did.
 */
function refusing(object: Plain, key: string, allowed: (value: unknown) => boolean): Plain {
  return Object.hasOwn(object, key) && !allowed(object[key])
    ? { ...object, [key]: undefined }
    : object;
}

/**
 * Report 1 → 2, the fit axis: `null` for what the report never measured (fit,
 * clarity, each flag's points); the completeness from its coverage; each flag's
 * answers quoted as fit evidence. Nothing is recomputed: `rescore` does that, with a bank.
 */
function reportFrom1(old: Plain): Plain {
  const { counterfactuals, flags, ...rest } = old;
  const { answered, asked } = isPlain(old.coverage) ? old.coverage : {};
  // A share of the questions asked (0 to 1); a coverage that is damaged is named by the check.
  const completeness =
    typeof answered === 'number' && typeof asked === 'number' && asked > 0
      ? Math.min(1, Math.max(0, round2(answered / asked)))
      : 0;
  const fitEvidence = fitEvidenceOf(flags, old.answers);
  // Version 1 had no fit and no open call to decide by.
  const decidedBy = isPlain(rest.decidedBy)
    ? refusing(rest.decidedBy, 'kind', (k) => k !== 'fit' && k !== 'open')
    : rest.decidedBy;
  const base = Object.hasOwn(rest, 'decidedBy') ? { ...rest, decidedBy } : rest;
  return {
    ...adding(base, { fit: null, completeness, clarity: null, fitEvidence }, [
      'outcome',
      'outcomes',
      'counterfactualsComplete',
    ]),
    flags: eachObject(flags, (f) => adding(f, { points: null })),
    counterfactuals: eachObject(counterfactuals, (c) =>
      adding(c, { fit: null, flagsGone: [], flagsNew: [] }),
    ),
    counterfactualsComplete: true,
  };
}

/**
 * The answers that raised each flag of a report 1, as it quoted them (sound flags only: the check
 * names the rest).
 */
function fitEvidenceOf(flags: unknown, answers: unknown): unknown[] {
  if (!Array.isArray(flags)) return [];
  const quoted = Array.isArray(answers) ? answers.filter(isPlain) : [];
  return flags.filter(isPlain).flatMap((f) => {
    const { id, kind, raisedBy } = f;
    if (typeof id !== 'string' || (kind !== 'red' && kind !== 'green')) return [];
    if (!Array.isArray(raisedBy)) return [];
    return raisedBy
      .filter((q): q is string => typeof q === 'string')
      .map((questionId) => {
        const answer = quoted.find((a) => a.questionId === questionId);
        return {
          flagId: id,
          kind,
          points: null,
          questionId,
          prompt: answer?.prompt ?? questionId,
          label: answer?.label ?? '',
          ...(answer?.note === undefined ? {} : { note: answer.note }),
        };
      });
  });
}

/**
 * Report 2 → 3: a counterfactual could name one option picked or dropped; each old one is a whole
 * answer.
 */
const reportFrom2 = (old: Plain): Plain => ({
  ...old,
  // A whole answer always had a value and a label to start from.
  counterfactuals: eachObject(old.counterfactuals, (c) =>
    adding(
      refusing(
        refusing(c, 'from', (v) => v !== null),
        'fromLabel',
        (v) => v !== null,
      ),
      { change: 'answer' },
    ),
  ),
});

/**
 * Report 3 → 4: the call may be "open" and the fit may give its counts; nothing held changed
 * meaning.
 */
const reportFrom3 = (old: Plain): Plain => old;

/** The steps that take a report from version 1 to 2, 2 to 3 and 3 to 4. */
const reportSteps: readonly ((old: Plain) => Plain)[] = [reportFrom1, reportFrom2, reportFrom3];

/** The steps that take a record from version 1 to 2, … 4 to 5; the report moves on its own. */
const recordSteps: readonly ((old: Plain) => Plain)[] = [
  // 1 → 2: the report gained the fit axis.
  (old) => old,
  // 2 → 3: records say who assessed the prospect.
  (old) => adding(old, { assessedBy: null }),
  // 3 → 4: the report's counterfactuals may name one option.
  (old) => old,
  // 4 → 5: a record may correct another (`run --edit`).
  (old) => adding(old, { corrects: null }),
];

/** `data` taken from `version` through the `steps` that follow it, each bumping its version. */
const upgrade = (data: Plain, version: number, steps: readonly ((old: Plain) => Plain)[]) =>
  steps
    .slice(version - 1)
    .reduce<Plain>((out, step, i) => ({ ...step(out), schemaVersion: version + i + 1 }), data);

/**
 * The record format version this build writes, and the report versions a
 * record of each version holds: 1 held reports from before the fit axis; 2 and
 * 3 (which added `assessedBy`) reports whose counterfactuals were whole answers;
 * 4 reports of version 3; 5 (which added `corrects`) reports of version 4, or of
 * 3 when saved by builds before the report's bump.
 */
export const recordSchemaVersion = 5;
const reportVersionsOf: Readonly<Record<number, readonly number[]>> = {
  1: [1],
  2: [2],
  3: [2],
  4: [3],
  [recordSchemaVersion]: [3, reportSchemaVersion],
};

/**
 * A record of any version this build reads, taken step by step to today's
 * version on plain data: each step adds what its version lacked, with its
 * default, and reshapes what changed. A current record comes back as it is;
 * so does anything else (not an object, an unknown version). A report of a
 * version its record never held is left as it is. The result is not checked
 * here: the caller checks it against today's schema, which names what is wrong.
 */
export function upgradeRecord(data: unknown): unknown {
  if (!isPlain(data)) return data;
  const version = data.schemaVersion;
  const reports = typeof version === 'number' ? reportVersionsOf[version] : undefined;
  if (typeof version !== 'number' || reports === undefined) return data;
  const held = isPlain(data.report) ? data.report.schemaVersion : undefined;
  const reportFits = typeof held === 'number' && reports.includes(held);
  if (version === recordSchemaVersion && (!reportFits || held === reportSchemaVersion)) return data;
  const out = upgrade(data, version, recordSteps);
  // A report of a version its record never held: its version is named as wrong.
  if (!reportFits)
    return isPlain(out.report)
      ? { ...out, report: { ...out.report, schemaVersion: undefined } }
      : out;
  const report = upgrade(data.report as Plain, held, reportSteps);
  return { ...out, report: held === 1 ? changeBeforeFit(report) : report };
}

/**
 * A report 1's counterfactuals with `change` before the fields the fit axis added, where builds
 * before this upgrade put it, so `show --json` of an old record prints the same bytes as before.
 */
function changeBeforeFit(report: Plain): Plain {
  return {
    ...report,
    counterfactuals: eachObject(report.counterfactuals, (c) => {
      if (!Object.hasOwn(c, 'change') || !Object.hasOwn(c, 'fit')) return c;
      const entries = Object.entries(c).filter(([key]) => key !== 'change');
      const at = entries.findIndex(([key]) => key === 'fit');
      entries.splice(at, 0, ['change', c.change]);
      return Object.fromEntries(entries);
    }),
  };
}
