import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bankJsonSchemas } from '../../src/core/json-schemas';

const dir = new URL('../../questions/schema/', import.meta.url);

describe('committed JSON Schemas', () => {
  for (const [name, text] of Object.entries(bankJsonSchemas())) {
    it(`questions/schema/${name} matches the zod schema (npm run schema rewrites it)`, () => {
      const file = new URL(name, dir);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  }
});
