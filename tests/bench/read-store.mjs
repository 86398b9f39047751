// node tests/bench/read-store.mjs STORE
// The floor under history, rescore and calibrate: lists a store, then reads,
// decodes and parses every record and outcome file, and nothing else (no
// check, no scoring, no output). `npm run bench` times it beside them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const store = process.argv[2];
const utf8 = new TextDecoder('utf-8', { fatal: true });
const parse = (path) => JSON.parse(utf8.decode(readFileSync(path)));
let records = 0;
for (const name of readdirSync(store).sort())
  if (name.endsWith('.json'))
    records += parse(join(store, name)).kind === 'clientfit-record' ? 1 : 0;
let outcomes = 0;
for (const name of readdirSync(join(store, 'outcomes')))
  outcomes += parse(join(store, 'outcomes', name)).kind === 'clientfit-outcome' ? 1 : 0;
if (records === 0 || outcomes === 0) process.exit(1);
