import * as z from 'zod/mini';
import { ManifestSchema, SectionSchema } from './schema';

/** The JSON Schemas editors use for bank files, generated from the zod schema. */
export function bankJsonSchemas(): Record<'manifest.schema.json' | 'section.schema.json', string> {
  const render = (schema: z.ZodMiniType, title: string, id: string): string =>
    `${JSON.stringify({ ...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' }), $id: id, title }, null, 2)}\n`;
  return {
    'manifest.schema.json': render(ManifestSchema, 'clientfit question bank: manifest (bank.yaml)', 'https://clientfit.dev/schema/bank/1/manifest.schema.json'),
    'section.schema.json': render(SectionSchema, 'clientfit question bank: section file', 'https://clientfit.dev/schema/bank/1/section.schema.json'),
  };
}
