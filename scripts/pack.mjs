// node scripts/pack.mjs [DESTINATION]
// Packs clientfit as a user installs it and prints the tarball's path: the
// bundle (built first), the bin, the banks, and a package.json with no
// dependencies and no scripts. A plain `npm pack` would keep `prepare` (it
// builds the bundle on `npm ci` in a clone), which npm 11 then lists as an
// install script on every install of the tarball. Used by .ci/run.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const destination = resolve(process.argv[2] ?? '.');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const kept = ['name', 'version', 'description', 'type', 'license', 'bin', 'files', 'engines'];
const published = Object.fromEntries(
  kept.filter((key) => key in manifest).map((key) => [key, manifest[key]]),
);

execFileSync(process.execPath, [join(root, 'esbuild.config.mjs'), '--silent'], {
  cwd: root,
  stdio: 'inherit',
});
const stage = mkdtempSync(join(tmpdir(), 'clientfit-pack-'));
try {
  for (const entry of [...manifest.files, 'README.md', 'LICENSE'])
    cpSync(join(root, entry), join(stage, entry), { recursive: true });
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: stage,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  console.log(join(destination, JSON.parse(packed)[0].filename));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
