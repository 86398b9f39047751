import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itPty, startPty } from '../helpers/pty';
import { runCli } from '../helpers/run-cli';
import { tempDir, writeTree } from '../helpers/temp';

// CI runs the suite on several Node versions (.ci/run): the tests, and every
// clientfit they start, must run on the Node under test, not on another one
// found on PATH. A preloaded probe tells which Node a started clientfit runs on.

const probe = writeTree({
  'probe.cjs': "require('node:fs').writeFileSync(process.env.PROBE_OUT, process.version);\n",
});
function probed(): { env: Record<string, string>; version: () => string } {
  const out = join(tempDir(), 'version');
  return {
    env: { NODE_OPTIONS: `--require ${join(probe, 'probe.cjs')}`, PROBE_OUT: out },
    version: () => readFileSync(out, 'utf8'),
  };
}

describe('the Node under test', () => {
  it.runIf(process.env.CI_NODE_MAJOR !== undefined)('runs the tests (CI_NODE_MAJOR)', () => {
    expect(process.versions.node.split('.')[0]).toBe(process.env.CI_NODE_MAJOR);
  });

  it('runs every clientfit the tests start without a terminal', () => {
    const plain = probed();
    expect(runCli(['--version'], { env: plain.env }).status).toBe(0);
    expect(plain.version()).toBe(process.version);
  });

  itPty('runs every clientfit the tests start in a terminal', async () => {
    const inPty = probed();
    expect((await startPty(['--version'], inPty.env).exited()).exitCode).toBe(0);
    expect(inPty.version()).toBe(process.version);
  });
});
