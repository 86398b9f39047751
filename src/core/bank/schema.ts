import * as z from 'zod/mini';
import { once } from '../once';

/**
 * The question-bank format, defined once. The TypeScript types below and the
 * JSON Schemas committed in `questions/schema/` are both derived from it.
 */

/** A copy of `schema` with a description for editors (copied, so shared pieces keep their own). */
function describe<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
}

/** The format version this build writes (`clientfit init`) and documents; format 1 banks still load (see questions/README.md). */
export const bankFormatVersion = 2;

/** Every format version this build reads. */
export const bankFormatVersions = [1, 2] as const;

/** Ids are lower-case words joined by hyphens: `request-source`, `first`. */
export const idPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The answer every question accepts: it lowers confidence instead of guessing. */
export const unknownAnswer = 'unknown';

/** The fit when nothing about it came up (no flag raised, no fit question answered); reserved as a level id. */
export const unknownFitLevel = 'unknown';

/** From most to least favourable: the order in which recommendations combine (the least favourable wins). */
export const recommendations = ['take', 'take-with-conditions', 'decline'] as const;
export const severities = ['low', 'medium', 'high'] as const;
/** Which axis a question's answers speak to: where the light bulb goes on (degree), or whether they are the right client (fit). */
export const evidenceKinds = ['degree', 'fit'] as const;
export const questionTypes = ['single', 'multiple', 'yes-no', 'text', 'scale'] as const;

/** A condition over earlier answers, raised flags and (in rules) the computed degree. Data, never an expression string. */
export type Condition =
  | { readonly question: string; readonly equals: string | number }
  | { readonly question: string; readonly in: readonly (string | number)[] }
  | { readonly question: string; readonly answered: boolean }
  | { readonly flag: string }
  | { readonly degree: string }
  | { readonly fit: string }
  | {
      readonly flagCount: {
        readonly kind?: 'red' | 'green' | undefined;
        readonly minSeverity?: 'low' | 'medium' | 'high' | undefined;
        readonly atLeast: number;
      };
    }
  | { readonly not: Condition }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

/**
 * Builds the zod schemas of the format. They are built on first use, not at
 * import, so commands that never check a bank file (--version, --help,
 * history) do not pay for them.
 */
function buildBankSchemas() {
  const Id = describe(
    z.string().check(z.regex(idPattern), z.maxLength(64)),
    'A lower-case id: letters, digits and single hyphens, starting with a letter (e.g. "request-source").',
  );
  const Text = z.string().check(z.minLength(1), z.maxLength(2000));
  const ShortText = z.string().check(z.minLength(1), z.maxLength(200));

  const Recommendation = describe(
    z.enum(recommendations),
    'take: go ahead; take-with-conditions: go ahead once the conditions are agreed in writing; decline: refer the prospect elsewhere.',
  );

  const Weight = z.number().check(z.minimum(-10), z.maximum(10));
  const Signals = describe(
    z.record(Id, Weight),
    'Weights toward degrees, by degree id: e.g. { first: 2, third: -1 }. Each weight is between -10 and 10.',
  );
  const FlagRefs = describe(
    z.array(Id),
    'Ids of flags (declared in the manifest) that this answer raises.',
  );
  const Opens = describe(
    z.array(Id),
    'Ids of follow-up questions this answer opens. A follow-up is asked only when an answer opens it, and it must come later in the bank.',
  );

  /** The effect an answer has: signals, flags and follow-ups. */
  const effectShape = {
    signals: z.optional(Signals),
    flags: z.optional(FlagRefs),
    opens: z.optional(Opens),
    neutral: z.optional(
      describe(
        z.boolean(),
        'Set to true when this answer deliberately carries no weight (it still counts as answered).',
      ),
    ),
  };

  const OptionSchema = z.strictObject({
    value: describe(Id, 'What an answers file writes for this choice. "unknown" is reserved.'),
    label: describe(ShortText, 'What the interviewer sees.'),
    replaces: z.optional(
      describe(
        z.array(Id).check(z.maxLength(20)),
        'Old values of this question that this option takes over (renamed or split): answers files, drafts and records that use them are read as this value, with a notice.',
      ),
    ),
    ...effectShape,
  });

  const YesNoOptionSchema = z.strictObject({
    value: describe(z.enum(['yes', 'no']), 'yes or no.'),
    label: z.optional(ShortText),
    ...effectShape,
  });

  const BandSchema = z.strictObject({
    from: describe(z.int(), 'The lowest scale point this band covers.'),
    to: describe(z.int(), 'The highest scale point this band covers.'),
    label: z.optional(ShortText),
    ...effectShape,
  });

  const AnswerScalar = z.union([Id, z.int()]);

  const ConditionSchema: z.ZodMiniType<Condition> = describe(
    z.union([
      describe(
        z.strictObject({ question: Id, equals: AnswerScalar }),
        'True when the question was answered with this value (for multiple choice: when it is among the choices).',
      ),
      describe(
        z.strictObject({ question: Id, in: z.array(AnswerScalar).check(z.minLength(1)) }),
        'True when the answer is one of these values.',
      ),
      describe(
        z.strictObject({ question: Id, answered: z.boolean() }),
        'answered: true holds when the question was asked and answered with something other than "unknown".',
      ),
      describe(z.strictObject({ flag: Id }), 'True when an earlier answer raised this flag.'),
      describe(
        z.strictObject({ degree: z.union([Id, z.literal('undecided')]) }),
        'Rules only: true when the computed degree is this one.',
      ),
      describe(
        z.strictObject({ fit: Id }),
        'Rules only: true when the fit level (declared under "fit: levels:" in the manifest) is this one.',
      ),
      describe(
        z.strictObject({
          flagCount: z.strictObject({
            kind: z.optional(
              describe(z.enum(['red', 'green']), 'Which flags to count (default red).'),
            ),
            minSeverity: z.optional(
              describe(
                z.enum(severities),
                'Count only flags of this severity or higher (default low: every flag).',
              ),
            ),
            atLeast: describe(
              z.int().check(z.minimum(1), z.maximum(100)),
              'True when at least this many such flags are raised.',
            ),
          }),
        }),
        'True when enough flags are raised: e.g. { flagCount: { kind: red, minSeverity: medium, atLeast: 3 } }.',
      ),
      describe(
        z.strictObject({ not: z.lazy(() => ConditionSchema) }),
        'True when the inner condition is false.',
      ),
      describe(
        z.strictObject({ all: z.array(z.lazy(() => ConditionSchema)).check(z.minLength(1)) }),
        'True when every inner condition is true.',
      ),
      describe(
        z.strictObject({ any: z.array(z.lazy(() => ConditionSchema)).check(z.minLength(1)) }),
        'True when at least one inner condition is true.',
      ),
    ]),
    'A condition written as data: one of question+equals, question+in, question+answered, flag, degree, fit, flagCount, not, all, any.',
  );

  const questionBase = {
    id: describe(Id, 'Unique across the whole bank; answers files use it.'),
    prompt: describe(ShortText, 'The question as the interviewer asks it.'),
    help: z.optional(describe(Text, 'For the interviewer: what to listen for.')),
    required: z.optional(
      describe(
        z.boolean(),
        'Whether an answers file must give this question an answer (default true). "unknown" always counts as an answer.',
      ),
    ),
    when: z.optional(
      describe(
        ConditionSchema,
        'Ask this question only when the condition holds; it may refer only to earlier questions and flags.',
      ),
    ),
    evidence: z.optional(
      describe(
        z.enum(evidenceKinds),
        'degree: the answers place the prospect in a degree (where the light bulb goes on); only such questions may carry signals. fit (the default): the answers speak to whether they are the right client, through flags.',
      ),
    ),
  };

  const QuestionSchema = z.discriminatedUnion('type', [
    z.strictObject({
      ...questionBase,
      type: z.literal('single'),
      options: z.array(OptionSchema).check(z.minLength(2)),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal('multiple'),
      options: z.array(OptionSchema).check(z.minLength(2)),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal('yes-no'),
      options: z.optional(z.array(YesNoOptionSchema).check(z.maxLength(2))),
    }),
    z.strictObject({ ...questionBase, type: z.literal('text') }),
    z.strictObject({
      ...questionBase,
      type: z.literal('scale'),
      scale: z.strictObject({
        min: z.int().check(z.minimum(0), z.maximum(100)),
        max: z.int().check(z.minimum(1), z.maximum(100)),
        minLabel: z.optional(ShortText),
        maxLabel: z.optional(ShortText),
      }),
      bands: z.optional(z.array(BandSchema)),
    }),
  ]);

  const FlagSchema = z.strictObject({
    id: Id,
    kind: describe(z.enum(['red', 'green']), 'red: a warning sign; green: a good sign.'),
    label: ShortText,
    severity: describe(
      z.enum(severities),
      'How much the flag counts toward the fit: see "fit: points" in the manifest.',
    ),
    explanation: describe(Text, 'Why this matters, in a sentence or two.'),
    when: z.optional(
      describe(
        ConditionSchema,
        'The flag counts (toward the fit and in rules) only when this condition holds; it may test the degree, answers and other flags, e.g. { degree: third }.',
      ),
    ),
  });

  /** A piece of advice: plain text, or text with a condition on the answers, flags, degree and fit. */
  const AdviceItem = describe(
    z.union([Text, z.strictObject({ text: Text, when: ConditionSchema })]),
    'Text, or { text, when }: printed only when the condition holds (e.g. only when they did not bring their own research).',
  );

  const DegreeSchema = z.strictObject({
    id: Id,
    name: ShortText,
    summary: describe(ShortText, 'One line: who this client is.'),
    meaning: describe(Text, 'What this degree means for the work.'),
    recommendation: describe(
      Recommendation,
      'The default recommendation for this degree; rules may override it.',
    ),
    advice: z.strictObject({
      talkingPoints: describe(z.array(AdviceItem), 'What to say or ask on the call.'),
      conditions: describe(z.array(AdviceItem), 'What to put in writing before the work starts.'),
    }),
  });

  const RuleSchema = z.strictObject({
    id: Id,
    when: ConditionSchema,
    recommendation: describe(
      Recommendation,
      'What this rule recommends when its condition holds. Decline rules win over everything else; otherwise the least favourable of the degree, the fit and the rules that fire wins.',
    ),
    reason: describe(Text, 'Why, in words the agency owner will read in the report.'),
    conditions: z.optional(
      describe(z.array(AdviceItem), 'Extra conditions to put in writing when this rule fires.'),
    ),
  });

  /** Answers by question id. Values are checked against the bank's questions by `readAnswers`, which knows each question's type. */
  const AnswersMapSchema = describe(
    z.record(Id, z.unknown()),
    'Answers by question id: an option value, a list of values (multiple choice), a whole number (scale), yes/no, free text, or "unknown". Write { value: …, note: "…" } to keep the prospect\'s own words.',
  );

  const ExampleSchema = z.strictObject({
    name: ShortText,
    answers: AnswersMapSchema,
    expect: z.strictObject({
      degree: describe(
        z.union([Id, z.literal('undecided')]),
        'The degree this answer set must produce.',
      ),
      fit: z.optional(describe(Id, 'The fit level this answer set must produce (optional).')),
      recommendation: z.enum([...recommendations, 'undecided']),
    }),
  });

  const partShape = {
    title: z.optional(describe(ShortText, 'A heading for this section.')),
    questions: z.optional(z.array(QuestionSchema)),
    rules: z.optional(z.array(RuleSchema)),
    examples: z.optional(
      describe(
        z.array(ExampleSchema),
        "The bank's own regression tests, run by `clientfit validate`.",
      ),
    ),
  };

  /** A section file: questions, and optionally rules and examples. */
  const SectionSchema = z.strictObject(partShape);

  /** The manifest (`bank.yaml`), which may also hold questions for a one-file bank. */
  const FitLevelSchema = z.strictObject({
    id: Id,
    name: describe(ShortText, 'How the report names this level, e.g. "Good fit".'),
    upTo: z.optional(
      describe(
        z.number().check(z.minimum(-1000), z.maximum(1000)),
        'The highest fit score (the points of the red flags) this level covers. Levels go from best to worst; the last one has no upTo and takes everything above.',
      ),
    ),
    recommendation: z.optional(
      describe(
        Recommendation,
        'take-with-conditions: at this level the work is taken only on conditions; decline: at this level we decline whatever the degree.',
      ),
    ),
    reason: z.optional(
      describe(
        Text,
        'Why this level changes the recommendation, in words the agency owner will read in the report.',
      ),
    ),
    conditions: z.optional(
      describe(z.array(AdviceItem), 'Conditions to put in writing at this level.'),
    ),
  });

  const Points = z.number().check(z.minimum(0), z.maximum(10));
  const FitSchema = z.strictObject({
    points: z.optional(
      describe(
        z.strictObject({ low: Points, medium: Points, high: Points }),
        'What a red flag of each severity adds to the fit score, from 0 to 10. Green flags are strengths: they never take points away. Default { low: 1, medium: 2, high: 4 }.',
      ),
    ),
    minimumAnswered: z.optional(
      describe(
        z.int().check(z.minimum(0), z.maximum(1000)),
        'How many fit questions must be answered before the best fit level is given; below it the fit is "unknown" (not enough known) unless the red flags already place it lower. Default 0.',
      ),
    ),
    levels: describe(
      z.array(FitLevelSchema).check(z.minLength(1), z.maxLength(10)),
      'The fit levels, best first.',
    ),
  });

  const ManifestSchema = z.strictObject({
    ...partShape,
    clientfit: describe(
      z.literal([2, 1]),
      'The bank format version: 2 (degree evidence and fit apart). Format 1 banks still load: see questions/README.md.',
    ),
    fit: z.optional(
      describe(
        FitSchema,
        'How flags add up to a fit level, and what each level does to the recommendation.',
      ),
    ),
    id: Id,
    basedOn: z.optional(
      describe(
        Id,
        'The id of the bank this one was copied from (clientfit init writes it): answers files written for that bank run on this one too.',
      ),
    ),
    title: ShortText,
    version: describe(
      z.string().check(z.minLength(1), z.maxLength(40)),
      'Your own version of this bank, e.g. "1.2.0".',
    ),
    description: Text,
    degrees: z.array(DegreeSchema).check(z.minLength(2), z.maxLength(10)),
    flags: z.optional(z.array(FlagSchema)),
    scoring: z.optional(
      z.strictObject({
        minimumEvidence: describe(
          z.number().check(z.minimum(0), z.maximum(100)),
          'The winning degree needs at least this much signal weight; below it the verdict is "undecided". Default 3.',
        ),
      }),
    ),
  });

  return {
    OptionSchema,
    YesNoOptionSchema,
    BandSchema,
    ConditionSchema,
    QuestionSchema,
    FlagSchema,
    DegreeSchema,
    RuleSchema,
    AnswersMapSchema,
    ExampleSchema,
    FitLevelSchema,
    SectionSchema,
    ManifestSchema,
  };
}

/** The schemas of the bank format (built once, on first use). */
export const bankSchemas = once(buildBankSchemas);

type Schemas = ReturnType<typeof buildBankSchemas>;

export type Option = z.infer<Schemas['OptionSchema']>;
export type YesNoOption = z.infer<Schemas['YesNoOptionSchema']>;
export type Band = z.infer<Schemas['BandSchema']>;
export type QuestionData = z.infer<Schemas['QuestionSchema']>;
export type QuestionType = (typeof questionTypes)[number];
export type Flag = z.infer<Schemas['FlagSchema']>;
export type Degree = z.infer<Schemas['DegreeSchema']>;
export type RuleData = z.infer<Schemas['RuleSchema']>;
export type ExampleData = z.infer<Schemas['ExampleSchema']>;
export type SectionData = z.infer<Schemas['SectionSchema']>;
export type ManifestData = z.infer<Schemas['ManifestSchema']>;
export type FitLevelData = z.infer<Schemas['FitLevelSchema']>;
export type Severity = (typeof severities)[number];
/** A talking point or condition: plain text, or text printed only when its condition holds. */
export type AdviceItemData = string | { readonly text: string; readonly when: Condition };
export type EvidenceKind = (typeof evidenceKinds)[number];
export type Recommendation = (typeof recommendations)[number];
