// node tests/bench/floor.mjs BANK_DIR ANSWERS [--format json]
// The dependency floor under `clientfit run --answers`: loads commander, yaml
// and zod, parses the same command line, bank and answers with them (every
// YAML file of the bank, each checked against a loose zod shape), and prints
// the answers as JSON. Nothing of clientfit's own: what any program built on
// these three libraries pays before doing its work. `npm run bench` times it
// beside `run --answers`. The libraries are loaded through require(), their
// CommonJS builds: the cheaper way for each (zod's ES build alone is dozens of
// files), so the floor is not raised by how a script happens to import them.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Command } = require('commander');
const { parseDocument } = require('yaml');
const { z } = require('zod');

const program = new Command()
  .argument('<bank>')
  .argument('<answers>')
  .option('--format <format>', 'output format', 'text')
  .parse(process.argv);
const [bankDir = '', answersPath = ''] = program.args;

const parse = (path) => {
  const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  return doc.toJS();
};
const question = z.looseObject({ id: z.string(), type: z.string() });
const section = z.looseObject({ questions: z.array(question).optional() });
const manifest = z.looseObject({ id: z.string(), title: z.string() });
const answers = z.looseObject({
  bank: z.string().optional(),
  prospect: z.string().optional(),
  answers: z.record(z.string(), z.unknown()),
});

const bank = manifest.parse(parse(join(bankDir, 'bank.yaml')));
let questions = 0;
for (const name of readdirSync(bankDir).sort()) {
  if (name === 'bank.yaml' || !name.endsWith('.yaml')) continue;
  questions += section.parse(parse(join(bankDir, name))).questions?.length ?? 0;
}
const given = answers.parse(parse(answersPath));
process.stdout.write(
  `${JSON.stringify({ bank: bank.id, questions, prospect: given.prospect, answers: given.answers }, null, 2)}\n`,
);
