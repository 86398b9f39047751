import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { displayWidth } from '../../src/render/wrap-text';
import { binPath, root } from '../helpers/paths';
import { describePty, spawnPty, waitUntil } from '../helpers/pty';
import { isolatedEnv } from '../helpers/run-cli';

describePty('the text report in a real terminal (node-pty)', () => {
  it('wraps to the terminal width the built binary reads from standard output', async () => {
    const env: Record<string, string> = {
      ...isolatedEnv(),
      NO_COLOR: '1',
      TZ: 'UTC',
      SOURCE_DATE_EPOCH: '1767225600',
    };
    delete env.COLUMNS;
    const child = spawnPty(
      process.execPath,
      [
        binPath,
        'run',
        '--no-save',
        '--answers',
        join(root, 'questions', 'samples', 'northwind-bakery.yaml'),
      ],
      {
        name: 'xterm-256color',
        cols: 72,
        rows: 50,
        cwd: root,
        env,
      },
    );
    let raw = '';
    child.onData((data) => (raw += data));
    const exited = new Promise<number>((resolve) => {
      child.onExit(({ exitCode }) => {
        resolve(exitCode);
      });
    });
    const screen = (): string => stripVTControlCharacters(raw).replace(/\r/g, '');
    expect(await waitUntil(exited, 'clientfit to exit', screen)).toBe(0);
    // Northwind's answers were written for bank 2.0.0: the one-line note on standard error says so, and is not the report.
    const lines = screen()
      .split('\n')
      .filter((line) => !line.includes('note: read under the bank'));
    expect(screen()).toContain('What would change the call');
    expect(lines.filter((l) => displayWidth(l) > 72)).toEqual([]);
    expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(72);
    expect(Math.max(...lines.map(displayWidth))).toBeGreaterThan(62);
  });
});
