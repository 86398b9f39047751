import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp';

// A full disk, simulated: every write fails with ENOSPC; and a folder that
// cannot be written (root ignores permissions): creating a file fails with `denied`.
let diskFull = false;
let denied: string | undefined;
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    openSync: (...args: Parameters<typeof actual.openSync>) => {
      if (denied !== undefined)
        throw Object.assign(new Error(`${denied}: cannot open`), { code: denied });
      return actual.openSync(...args);
    },
    writeSync: (...args: Parameters<typeof actual.writeSync>) => {
      if (diskFull)
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      return actual.writeSync(...args);
    },
  };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const writeFile = handle.writeFile.bind(handle);
      return Object.assign(handle, {
        writeFile: (...rest: Parameters<typeof handle.writeFile>) =>
          diskFull
            ? Promise.reject(
                Object.assign(new Error('ENOSPC: no space left on device, write'), {
                  code: 'ENOSPC',
                }),
              )
            : writeFile(...rest),
      });
    },
  };
});

const { writeFileAtomic } = await import('../../src/io/write-file');
const { saveRecord } = await import('../../src/io/save-record');
const { saveDraft } = await import('../../src/io/drafts');

afterEach(() => {
  diskFull = false;
  denied = undefined;
});

describe('writeFileAtomic', () => {
  it('writes the whole file, with the mode asked for', () => {
    const dir = tempDir();
    writeFileAtomic(join(dir, 'a.json'), '{"ok":true}\n', { overwrite: false, mode: 0o600 });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"ok":true}\n');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('on a full disk: a clear message, exit 3, no temporary file left, the old file untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'report.txt');
    writeFileSync(path, 'the old report');
    diskFull = true;
    let caught: unknown;
    try {
      writeFileAtomic(path, 'a new report', { overwrite: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'UserError', exitCode: 3 });
    expect((caught as Error).message).toMatch(/cannot write .*report\.txt: the disk is full/);
    expect(readFileSync(path, 'utf8')).toBe('the old report');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('on a full disk with nothing there before: nothing is created', () => {
    const dir = tempDir();
    diskFull = true;
    expect(() => {
      writeFileAtomic(join(dir, 'new.json'), 'x', { overwrite: false });
    }).toThrow(/the disk is full/);
    expect(existsSync(join(dir, 'new.json'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never replaces a device such as /dev/null, even when overwriting is allowed', () => {
    expect(() => {
      writeFileAtomic('/dev/null', 'x', { overwrite: true });
    }).toThrow(/not a regular file/);
    expect(existsSync('/dev/null')).toBe(true);
  });

  it('refuses to replace an existing file unless asked, with exit 2', () => {
    const dir = tempDir();
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'keep');
    expect(() => {
      writeFileAtomic(path, 'x', { overwrite: false });
    }).toThrow(expect.objectContaining({ exitCode: 2 }) as Error);
    expect(readFileSync(path, 'utf8')).toBe('keep');
  });

  it('on a full disk, each file says what to do about it: a record or a draft never suggests --output', async () => {
    const dir = tempDir();
    diskFull = true;
    const hintOf = async (write: () => unknown): Promise<string | undefined> => {
      try {
        await write();
      } catch (error) {
        return (error as { hint?: string }).hint;
      }
      return undefined;
    };
    const recordHint = await hintOf(() =>
      saveRecord(join(dir, 'store'), { id: 'r1' } as Parameters<typeof saveRecord>[1]),
    );
    const draftHint = await hintOf(() => {
      saveDraft(join(dir, 'drafts', 'd1.json'), {} as Parameters<typeof saveDraft>[1]);
    });
    const outputHint = await hintOf(() => {
      writeFileAtomic(join(dir, 'report.txt'), 'x', { overwrite: false });
    });
    expect(recordHint).toMatch(/--store/);
    expect(draftHint).toMatch(/drafts folder/);
    expect(outputHint).toMatch(/--output/);
    for (const hint of [recordHint, draftHint]) expect(hint).not.toMatch(/--output/);
  });

  it('matches the hint to the reason: no permission or a read-only disk never hints at free space', () => {
    const dir = tempDir();
    const failure = (code: string): { message: string; hint: string } => {
      denied = code;
      try {
        writeFileAtomic(join(dir, 'report.txt'), 'x', {
          overwrite: false,
          folder: 'the record store',
          elsewhere: 'save to another store with --store',
        });
      } catch (error) {
        return error as { message: string; hint: string };
      } finally {
        denied = undefined;
      }
      throw new Error('the write did not fail');
    };
    const cases: [string, RegExp, RegExp][] = [
      [
        'EACCES',
        /permission denied/,
        /^make the record store writable for you .*, or save to another store with --store$/,
      ],
      ['EPERM', /permission denied/, /^make the record store writable/],
      [
        'EROFS',
        /read-only/,
        /^save to another store with --store, on a file system that can be written$/,
      ],
      ['ENOSPC', /the disk is full/, /^free some space on the disk of the record store, or save/],
      ['EDQUOT', /quota/, /^free some space/],
      [
        'EIO',
        /the system said EIO/,
        /^check the record store, or save to another store with --store$/,
      ],
    ];
    for (const [code, message, hint] of cases) {
      const error = failure(code);
      expect(error.message, code).toMatch(message);
      expect(error.hint, code).toMatch(hint);
      if (code !== 'ENOSPC' && code !== 'EDQUOT') expect(error.hint, code).not.toMatch(/space/);
    }
  });
});
