import type { Diagnostic, PathSegment } from '../diagnostic';
import { hasErrors } from '../diagnostic';
import { schemaDiagnostics } from '../schema-diagnostics';
import type { YamlSource } from '../yaml/text';
import type { Bank, Band, Choice, Effect, Example, FitModel, Question, Rule, SourceRef } from './bank';
import { defaultFitLevels, defaultFitPoints, defaultMinimumEvidence } from './bank';
import { bankSchemas, type ManifestData, type QuestionData, type SectionData } from './schema';

/** A parsed file of a bank and the part it plays. */
export interface BankSource {
  readonly source: YamlSource;
  readonly role: 'manifest' | 'section';
  /** A short name for the section, used when the file has no title. */
  readonly name: string;
}

export type AssembleResult =
  { readonly bank: Bank; readonly diagnostics: readonly Diagnostic[] } | { readonly bank: undefined; readonly diagnostics: readonly Diagnostic[] };

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

function normaliseQuestion(data: QuestionData, section: string, file: string, path: readonly PathSegment[], formatVersion: number): Question {
  const at = { file, path };
  let choices: Choice[] = [];
  let bands: Band[] = [];
  let scale: Question['scale'];
  switch (data.type) {
    case 'single':
    case 'multiple':
      choices = data.options.map((o, i) => ({ ...effect(o, { file, path: [...path, 'options', i] }), value: o.value, label: o.label }));
      break;
    case 'yes-no': {
      const given = data.options ?? [];
      choices = (['yes', 'no'] as const).map((value) => {
        const index = given.findIndex((o) => o.value === value);
        const option = given[index];
        // Without `options` the question is asked for the record only: both answers are neutral on purpose.
        return {
          ...effect(option ?? { neutral: data.options === undefined }, { file, path: index >= 0 ? [...path, 'options', index] : path }),
          value,
          label: option?.label ?? (value === 'yes' ? 'Yes' : 'No'),
        };
      });
      break;
    }
    case 'scale':
      scale = { min: data.scale.min, max: data.scale.max, minLabel: data.scale.minLabel, maxLabel: data.scale.maxLabel };
      bands = (data.bands ?? []).map((b, i) => ({ ...effect(b, { file, path: [...path, 'bands', i] }), from: b.from, to: b.to, label: b.label }));
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
    evidence: data.evidence ?? (formatVersion === 1 && [...choices, ...bands].some((e) => [...e.signals.values()].some((w) => w !== 0)) ? 'degree' : 'fit'),
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

  for (const { source, role, name } of sources) {
    const { ManifestSchema, SectionSchema } = bankSchemas();
    const schema = role === 'manifest' ? ManifestSchema : SectionSchema;
    const result = schema.safeParse(source.data);
    if (!result.success) {
      diagnostics.push(...schemaDiagnostics(result.error.issues, { source, schema, what: role === 'manifest' ? 'bank manifest' : 'section file' }));
      continue;
    }
    if (role === 'manifest') {
      manifest = { data: result.data as ManifestData, file: source.file };
      parts.unshift({ data: result.data, file: source.file, name });
    } else {
      parts.push({ data: result.data, file: source.file, name });
    }
  }
  if (hasErrors(diagnostics) || manifest === undefined) return { bank: undefined, diagnostics };

  const formatVersion = manifest.data.clientfit;
  const questions: Question[] = [];
  const rules: Rule[] = [];
  const examples: Example[] = [];
  for (const part of parts) {
    const section = part.data.title ?? part.name;
    (part.data.questions ?? []).forEach((q, i) => questions.push(normaliseQuestion(q, section, part.file, ['questions', i], formatVersion)));
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
      examples.push({ name: e.name, answers: new Map(Object.entries(e.answers)), expect: e.expect, at: { file: part.file, path: ['examples', i] } }),
    );
  }

  const m = manifest.data;
  const fitAt = { file: manifest.file, path: ['fit'] };
  const fit: FitModel =
    m.fit === undefined
      ? { points: defaultFitPoints, levels: defaultFitLevels(fitAt), declared: false }
      : {
          points: m.fit.points ?? defaultFitPoints,
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
  const bank: Bank = {
    formatVersion: m.clientfit,
    id: m.id,
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
  return { bank, diagnostics };
}
