import * as z from 'zod/mini';
import { answersFileSchema } from './records/answers-file';
import { callSheetSchema } from './report/call-sheet';
import { reportSchema, reportSchemaVersion } from './report/report-schema';
import { bankSchemas } from './bank/schema';

/** The JSON Schemas committed in questions/schema/, generated from the zod schemas: bank files, answers files, reports and the call sheet. */
export function bankJsonSchemas(): Record<
  | 'manifest.schema.json'
  | 'section.schema.json'
  | 'answers.schema.json'
  | 'report.schema.json'
  | 'call-sheet.schema.json',
  string
> {
  const render = (schema: z.ZodMiniType, title: string, id: string): string =>
    `${JSON.stringify({ ...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' }), $id: id, title }, null, 2)}\n`;
  const { ManifestSchema, SectionSchema } = bankSchemas();
  return {
    'manifest.schema.json': render(
      ManifestSchema,
      'clientfit question bank: manifest (bank.yaml)',
      'https://clientfit.dev/schema/bank/1/manifest.schema.json',
    ),
    'section.schema.json': render(
      SectionSchema,
      'clientfit question bank: section file',
      'https://clientfit.dev/schema/bank/1/section.schema.json',
    ),
    'answers.schema.json': render(
      answersFileSchema(),
      'clientfit answers file',
      'https://clientfit.dev/schema/answers/1/answers.schema.json',
    ),
    'report.schema.json': render(
      reportSchema(),
      `clientfit report (run --format json), schemaVersion ${reportSchemaVersion}`,
      'https://clientfit.dev/schema/report/1/report.schema.json',
    ),
    'call-sheet.schema.json': render(
      callSheetSchema(),
      'clientfit call sheet (questions --format json), schemaVersion 1',
      'https://clientfit.dev/schema/call-sheet/1/call-sheet.schema.json',
    ),
  };
}
