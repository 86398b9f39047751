import { stringify } from 'yaml';
import { loadBank } from '../../src/io/load-bank';
import { root, shippedBankDir } from './paths';

/** The shipped bank, loaded once per test file. */
export function shippedBank() {
  const loaded = loadBank(shippedBankDir, root);
  if (loaded.bank === undefined) throw new Error('the shipped bank does not load');
  return loaded.bank;
}

/** Each example of the shipped bank written out as an answers file. */
export function exampleAnswerFiles(): {
  name: string;
  yaml: string;
  answers: ReadonlyMap<string, unknown>;
  expect: { degree: string; recommendation: string };
}[] {
  return shippedBank().examples.map((e) => ({
    name: e.name,
    yaml: stringify({
      bank: 'three-degrees',
      prospect: e.name,
      answers: Object.fromEntries(e.answers),
    }),
    answers: e.answers,
    expect: e.expect,
  }));
}
