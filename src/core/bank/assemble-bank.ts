import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic';
import { hasErrors } from '../diagnostics/diagnostic';
import { schemaDiagnostics } from '../diagnostics/schema-diagnostics';
import type { YamlSource } from '../yaml/text';
import type {
  Bank,
  Band,
  Choice,
  Effect,
  Example,
  FitModel,
  Question,
  Rule,
  SourceRef,
} from './bank';
import { defaultFitLevels, defaultFitPoints, defaultMinimumEvidence } from './bank';
import { bankSchemas, type ManifestData, type QuestionData, type SectionData } from './schema';
import type { BrokenIds } from './salvage-bank-file';
import { noBrokenIds, originalPath, salvageBankFile } from './salvage-bank-file';

/** A parsed file of a bank and the part it plays. */
export interface BankSource {
  readonly source: YamlSource;
  readonly role: 'manifest' | 'section';
  /** A short name for the section, used when the file has no title. */
  readonly name: string;
}

/**
 * A bank put together from the parts of its files that passed the format
 * check, when some did not: good for checking references and logic, never
 * for use. Paths in it are paths in the salvaged data (`toFile` maps them
 * back to the files).
 */
export interface PartialBank {
  readonly bank: Bank;
  /** The ids of what was left out. */
  readonly broken: BrokenIds;
  /** Maps a path in the partial bank back to the same place in its file. */
  readonly toFile: (file: string, path: readonly PathSegment[]) => readonly PathSegment[];
}

export type AssembleResult =
  | {
      readonly bank: Bank;
      readonly diagnostics: readonly Diagnostic[];
      readonly partial?: undefined;
    }
  | {
      readonly bank: undefined;
      readonly diagnostics: readonly Diagnostic[];
      readonly partial?: PartialBank | undefined;
    };

interface EffectData {
  readonly signals?: Record<string, number> | undefined;
  readonly flags?: readonly string[] | undefined;
  readonly opens?: readonly string[] | undefined;
  readonly neutral?: boolean | undefined;
}

function effect(data: EffectData, at: SourceRef): Effect {
  return {
    // Copied into a Map so no id can ever meet Object.prototype.
    signals: new Map(Object.entries(data.signals ?? {})),
    flags: data.flags ?? [],
    opens: data.opens ?? [],
    neutral: data.neutral ?? false,
    at,
  };
}

function normaliseQuestion(
  data: QuestionData,
  section: string,
  file: string,
  path: readonly PathSegment[],
  formatVersion: number,
): Question {
  const at = { file, path };
  let choices: Choice[] = [];
  let bands: Band[] = [];
  let scale: Question['scale'];
  switch (data.type) {
    case 'single':
    case 'multiple':
      choices = data.options.map((o, i) => ({
        ...effect(o, { file, path: [...path, 'options', i] }),
        value: o.value,
        label: o.label,
        replaces: o.replaces ?? [],
      }));
      break;
    case 'yes-no': {
      const given = data.options ?? [];
      choices = (['yes', 'no'] as const).map((value) => {
        const index = given.findIndex((o) => o.value === value);
        const option = given[index];
        // Without `options` the question is asked for the record only: both answers are neutral on
        // purpose.
        return {
          ...effect(option ?? { neutral: data.options === undefined }, {
            file,
            path: index >= 0 ? [...path, 'options', index] : path,
          }),
          value,
          label: option?.label ?? (value === 'yes' ? 'Yes' : 'No'),
          replaces: [],
        };
      });
      break;
    }
    case 'scale':
      scale = {
        min: data.scale.min,
        max: data.scale.max,
        minLabel: data.scale.minLabel,
        maxLabel: data.scale.maxLabel,
      };
      bands = (data.bands ?? []).map((b, i) => ({
        ...effect(b, { file, path: [...path, 'bands', i] }),
        from: b.from,
        to: b.to,
        label: b.label,
      }));
      break;
    case 'text':
      break;
  }
  return {
    id: data.id,
    prompt: data.prompt,
    help: data.help,
    type: data.type,
    required: data.required ?? true,
    when: data.when,
    // Format 1 had no axes: every question with signals was degree evidence.
    evidence:
      data.evidence ??
      (formatVersion === 1 &&
      [...choices, ...bands].some((e) => [...e.signals.values()].some((w) => w !== 0))
        ? 'degree'
        : 'fit'),
    choices,
    scale,
    bands,
    section,
    at,
  };
}

/**
 * Checks every file of a bank against the format and builds the bank in load
 * order (manifest first, then the section files). All schema problems of all
 * files are returned together; cross-references are the lint's job.
 */
export function assembleBank(sources: readonly BankSource[]): AssembleResult {
  const diagnostics: Diagnostic[] = [];
  let manifest: { data: ManifestData; file: string } | undefined;
  const parts: { data: SectionData; file: string; name: string }[] = [];

  // A file that fails the format check is reported, and what is left of it once the broken parts
  // are left out still joins the bank,
  // so the references and the logic of every file are checked in the same run (the bank itself is
  // then never used).
  const broken = noBrokenIds();
  const kept = new Map<string, ReadonlyMap<string, readonly number[]>>();
  let salvageable = true;
  for (const { source, role, name } of sources) {
    const { ManifestSchema, SectionSchema } = bankSchemas();
    const schema = role === 'manifest' ? ManifestSchema : SectionSchema;
    let data: SectionData;
    const result = schema.safeParse(source.data);
    if (result.success) data = result.data;
    else {
      diagnostics.push(
        ...schemaDiagnostics(result.error.issues, {
          source,
          schema,
          what: role === 'manifest' ? 'bank manifest' : 'section file',
        }),
      );
      const salvaged = salvageBankFile(source.data, schema, broken);
      if (salvaged === undefined) {
        salvageable = false;
        continue;
      }
      kept.set(source.file, salvaged.kept);
      data = salvaged.data;
    }
    if (role === 'manifest') {
      manifest = { data: data as ManifestData, file: source.file };
      parts.unshift({ data, file: source.file, name });
    } else {
      parts.push({ data, file: source.file, name });
    }
  }
  if (manifest === undefined) return { bank: undefined, diagnostics };
  if (hasErrors(diagnostics)) {
    if (!salvageable) return { bank: undefined, diagnostics };
    const toFile = (file: string, path: readonly PathSegment[]): readonly PathSegment[] => {
      const map = kept.get(file);
      return map === undefined ? path : originalPath(map, path);
    };
    return {
      bank: undefined,
      diagnostics,
      partial: { bank: build(manifest, parts), broken, toFile },
    };
  }
  return { bank: build(manifest, parts), diagnostics };
}

/** Builds the bank from its checked files, in load order (the manifest first). */
function build(
  manifest: { data: ManifestData; file: string },
  parts: readonly { data: SectionData; file: string; name: string }[],
): Bank {
  const formatVersion = manifest.data.clientfit;
  const questions: Question[] = [];
  const rules: Rule[] = [];
  const examples: Example[] = [];
  for (const part of parts) {
    const section = part.data.title ?? part.name;
    (part.data.questions ?? []).forEach((q, i) =>
      questions.push(normaliseQuestion(q, section, part.file, ['questions', i], formatVersion)),
    );
    (part.data.rules ?? []).forEach((r, i) =>
      rules.push({
        id: r.id,
        when: r.when,
        recommendation: r.recommendation,
        reason: r.reason,
        conditions: r.conditions ?? [],
        at: { file: part.file, path: ['rules', i] },
      }),
    );
    (part.data.examples ?? []).forEach((e, i) =>
      examples.push({
        name: e.name,
        answers: new Map(Object.entries(e.answers)),
        expect: e.expect,
        at: { file: part.file, path: ['examples', i] },
      }),
    );
  }

  const m = manifest.data;
  const fitAt = { file: manifest.file, path: ['fit'] };
  const fit: FitModel =
    m.fit === undefined
      ? {
          points: defaultFitPoints,
          minimumAnswered: 0,
          levels: defaultFitLevels(fitAt),
          declared: false,
        }
      : {
          points: m.fit.points ?? defaultFitPoints,
          minimumAnswered: m.fit.minimumAnswered ?? 0,
          levels: m.fit.levels.map((l, i) => ({
            id: l.id,
            name: l.name,
            upTo: l.upTo,
            recommendation: l.recommendation,
            reason: l.reason,
            conditions: l.conditions ?? [],
            at: { file: manifest.file, path: ['fit', 'levels', i] },
          })),
          declared: true,
        };
  return {
    formatVersion: m.clientfit,
    id: m.id,
    ...(m.basedOn === undefined ? {} : { basedOn: m.basedOn }),
    title: m.title,
    version: m.version,
    description: m.description,
    degrees: m.degrees,
    flags: m.flags ?? [],
    minimumEvidence: m.scoring?.minimumEvidence ?? defaultMinimumEvidence,
    fit,
    questions,
    rules,
    examples,
    files: parts.map((p) => p.file),
  };
}
