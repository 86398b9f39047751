import { isAbsolute } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { homeDir } from '../../src/io/home-dir';

const saved = process.env.HOME;
afterEach(() => {
  process.env.HOME = saved;
});

describe('homeDir', () => {
  it.each(['', 'relative/home', '.'])(
    'is absolute even when HOME is %j (else the folders would land in the current one)',
    (home) => {
      process.env.HOME = home;
      expect(isAbsolute(homeDir())).toBe(true);
    },
  );

  it('is HOME when HOME is an absolute path', () => {
    process.env.HOME = '/tmp/some-home';
    expect(homeDir()).toBe('/tmp/some-home');
  });
});
