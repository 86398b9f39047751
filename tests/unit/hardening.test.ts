import fc from 'fast-check';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { StoredDraft } from '../../src/io/drafts';
import { discardDraft, draftLockLimitMs, draftLockPath, holdDraft } from '../../src/io/drafts';
import { tryLock } from '../../src/io/lock';
import { readInputFile, readInputText } from '../../src/io/read-input';
import { saveAssessment } from '../../src/io/save-assessment';
import { writeFileAtomic } from '../../src/io/write-file';
import { folderProblem } from '../../src/io/ensure-folder';
import { colorStyle } from '../../src/render/style';
import { safe, terminalText, yamlCommentText } from '../../src/render/terminal-safe';
import type { AssessmentRecord } from '../../src/core/records/record';
import { tempDir } from '../helpers/temp';

/** Anything that must never reach a terminal raw: controls (but the line feed), bidi, zero-width, tag characters. */
const unsafeOutput =
  // eslint-disable-next-line no-control-regex -- finding these is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\u{E0000}-\u{E007F}]/u;

describe('the terminal writer', () => {
  it('shows tag characters, bidi controls and zero-width characters visibly', () => {
    expect(safe('a\u{E0041}\u{E007F}b')).toBe('a\\u{E0041}\\u{E007F}b');
    expect(terminalText('x\u202Ey\u200Bz\u{E0001}\n')).toBe('x\\u{202E}y\\u{200B}z\\u{E0001}\n');
    // Every other format character, and the rest of plane 14; emoji keep their presentation selector.
    expect(safe('\u0600\u06DD\u070F\u0890\u08E2\u{110BD}\u{13430}\u{E0080}\u{E0FFF}')).toBe(
      '\\u{0600}\\u{06DD}\\u{070F}\\u{0890}\\u{08E2}\\u{110BD}\\u{13430}\\u{E0080}\\u{E0FFF}',
    );
    expect(safe('I \u2764\uFE0F it')).toBe('I \u2764\uFE0F it');
    expect(terminalText('\u001b]52;c;aGk=\u0007\u009b2J\r')).toBe('^[]52;c;aGk=^G\\u{009B}2J^M');
  });

  it("lets chalk's colour sequences through; every other escape sequence is shown, not obeyed", () => {
    const style = colorStyle();
    expect(terminalText(style.red('no'))).toBe('\u001b[31mno\u001b[39m');
    expect(terminalText(style.bold(`a ${style.dim('b')} c`))).toBe(
      '\u001b[1ma \u001b[2mb\u001b[22m\u001b[1m c\u001b[22m',
    );
    // Conceal, inverse, a cursor move, an erase, a title (OSC) and a DCS string: none of them is a colour.
    expect(
      terminalText('\u001b[8mhidden\u001b[7m\u001b[2A\u001b[2J\u001b]0;t\u0007\u001bPq\u001b\\'),
    ).toBe('^[[8mhidden^[[7m^[[2A^[[2J^[]0;t^G^[Pq^[\\');
  });

  it('lets nothing unsafe through, whatever the text, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const shown = terminalText(text);
        // eslint-disable-next-line no-control-regex -- the colour sequences the writer lets through
        expect(unsafeOutput.test(shown.replace(/\u001b\[(?:0|1|2|22|3[0-9]|9[0-7])m/g, ''))).toBe(
          false,
        );
        expect(terminalText(shown)).toBe(shown);
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it('keeps any text inside one YAML comment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const doc = `# ${yamlCommentText(text)}\nkey: 1\n`;
        expect(parse(doc)).toEqual({ key: 1 });
      }),
      { numRuns: 2000, seed: 12 },
    );
    expect(yamlCommentText('Title\nanswers: {injected: 1}\u2028x\u0085y')).toBe(
      'Title^Janswers: {injected: 1}\\u{2028}x\\u{0085}y',
    );
  });
});

describe('files and folders', () => {
  it('keeps the mode of a file it replaces', () => {
    const file = join(tempDir(), 'report.txt');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    writeFileAtomic(file, 'new', { overwrite: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o640);
    writeFileAtomic(file, 'newer', { overwrite: true, mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('reads files that say they are empty (/proc) up to the limit', () => {
    const read = readInputFile('/proc/self/status', 'status', 1024 * 1024);
    expect(read.ok).toBe(true);
    if (read.ok) expect(new TextDecoder().decode(read.bytes)).toMatch(/^Name:/);
    const tooSmall = readInputFile('/proc/self/status', 'status', 16);
    expect(tooSmall.ok ? '' : tooSmall.diagnostic.message).toBe(
      'this file is larger than 16 bytes',
    );
  });

  it('reads text files one after another through one buffer: each gives exactly its own text', () => {
    const dir = tempDir();
    const files: [string, string][] = [
      ['large', 'é'.repeat(50_000)],
      ['small', 'ok'],
      ['empty', ''],
      ['larger', 'x'.repeat(200_000)],
    ];
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'latin1'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    for (const [name, text] of [...files, ...files])
      expect(readInputText(join(dir, name), name, 1024 * 1024)).toEqual({ ok: true, text });
    expect(readInputText(join(dir, 'latin1'), 'latin1', 1024).ok ? '' : 'refused').toBe('refused');
    const status = readInputText('/proc/self/status', 'status', 1024 * 1024);
    expect(status.ok ? status.text : '').toMatch(/^Name:[^]*\nPid:/);
    const tooSmall = readInputText(join(dir, 'larger'), 'larger', 1000);
    expect(tooSmall.ok ? '' : tooSmall.diagnostic.message).toBe(
      'this file is 195.3 KiB; the limit is 1000 bytes',
    );
  });

  it('refuses kernel file systems and paths through a file before trying to create a folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    expect(folderProblem('/proc/x/y')).toMatch(/proc, a file system of the kernel's own/);
    expect(folderProblem('/sys/clientfit')).toMatch(/sysfs/);
    expect(folderProblem(join(dir, 'file'))).toBe('it is a file, not a folder');
    expect(folderProblem(join(dir, 'file', 'sub'))).toMatch(/file is not a folder$/);
    expect(folderProblem('/dev/null/x')).toBe('/dev/null is not a folder');
    expect(folderProblem(join(dir, 'dangling', 'x'))).toMatch(
      /dangling is a symbolic link to a place that does not exist$/,
    );
    expect(folderProblem(join(dir, 'new', 'deeper'))).toBeUndefined();
  });
});

describe('drafts saved as records', () => {
  const draftIn = (dir: string, id: string): StoredDraft => {
    const path = join(dir, `${id}.json`);
    writeFileSync(path, '{}');
    return { id, path, draft: {} as StoredDraft['draft'] };
  };
  const record = (id: string): AssessmentRecord => ({ id }) as AssessmentRecord;

  it('deletes a draft that is already gone without complaint', () => {
    const dir = tempDir();
    const draft = draftIn(dir, 'd1');
    discardDraft(draft);
    expect(() => {
      discardDraft(draft);
    }).not.toThrow();
  });

  it('gives the draft back when the record cannot be saved', async () => {
    const drafts = tempDir();
    const draft = draftIn(drafts, 'd2');
    const notAFolder = join(tempDir(), 'file');
    writeFileSync(notAFolder, 'x');
    await expect(
      saveAssessment(notAFolder, record('r'), { checkLatest: false, draft }),
    ).rejects.toThrow(/it is a file, not a folder/);
    expect(existsSync(draft.path)).toBe(true);
  });

  it('saves the record, then deletes its draft; a draft taken over meanwhile saves nothing and is left to its new holder', async () => {
    const drafts = tempDir();
    const store = tempDir();
    const draft = draftIn(drafts, 'd3');
    const first = holdDraft(draft.path);
    if (first.kind !== 'held') throw new Error('the draft should be held');
    expect(
      await saveAssessment(store, record('r3'), {
        checkLatest: false,
        draft,
        draftLock: first.lock,
      }),
    ).toEqual({ kind: 'saved', recordId: 'r3' });
    expect(readdirSync(store)).toEqual(['r3.json']);
    expect(existsSync(draft.path)).toBe(false);
    first.lock.release();
    expect(readdirSync(drafts)).toEqual([]);
    const again = draftIn(drafts, 'd4');
    const mine = holdDraft(again.path);
    // Taken over as a lock past the limit is (a --take-over from a live process of this host is refused).
    const theirs = tryLock(draftLockPath(again.path), {
      staleAfterMs: draftLockLimitMs,
      now: () => Date.now() + draftLockLimitMs + 1,
    });
    if (mine.kind !== 'held' || theirs.kind !== 'held')
      throw new Error('both should have held it in turn');
    expect(
      await saveAssessment(store, record('r4'), {
        checkLatest: false,
        draft: again,
        draftLock: mine.lock,
      }),
    ).toEqual({ kind: 'taken-over' });
    expect(readdirSync(store)).toEqual(['r3.json']);
    expect(existsSync(again.path)).toBe(true);
    // Giving up a lock that was taken over leaves the new holder's in place.
    mine.lock.release();
    expect(theirs.lock.stillHeld()).toBe(true);
    theirs.lock.release();
  });
});

describe('the lock of a draft', () => {
  // No process has this id: Linux never gives out ids above 2^22.
  const deadPid = 2 ** 22 + 1;
  const lockOf = (drafts: string, id: string, holder: object): string => {
    const path = join(drafts, `.${id}.lock`);
    writeFileSync(path, JSON.stringify(holder));
    return path;
  };

  it('is held by one at a time, names its holder, and is gone once given up', () => {
    const drafts = tempDir();
    const path = join(drafts, 'd5.json');
    const first = holdDraft(path);
    if (first.kind !== 'held') throw new Error('the draft should be held');
    const second = holdDraft(path);
    expect(second).toMatchObject({ kind: 'busy', holder: { pid: process.pid, host: hostname() } });
    first.lock.release();
    expect(readdirSync(drafts)).toEqual([]);
    const third = holdDraft(path);
    expect(third.kind).toBe('held');
    if (third.kind === 'held') third.lock.release();
  });

  it('is stale when its process is gone from this host, or when it is older than the limit', () => {
    const drafts = tempDir();
    const now = Date.now();
    lockOf(drafts, 'd6', { pid: deadPid, host: hostname(), since: new Date(now).toISOString() });
    const taken = holdDraft(join(drafts, 'd6.json'));
    expect(taken.kind).toBe('held');
    if (taken.kind === 'held') taken.lock.release();
    // A live process (this test's parent), or one on another host that cannot be asked: held, until the limit.
    const since = new Date(now - 3600_000).toISOString();
    for (const holder of [
      { pid: process.ppid, host: hostname(), since },
      { pid: deadPid, host: 'another-host', since },
    ]) {
      const lock = lockOf(drafts, 'd7', holder);
      expect(tryLock(lock, { staleAfterMs: draftLockLimitMs })).toEqual({
        kind: 'busy',
        holder: { ...holder, named: true },
      });
      const later = tryLock(lock, {
        staleAfterMs: draftLockLimitMs,
        now: () => now + draftLockLimitMs,
      });
      expect(later.kind).toBe('held');
      if (later.kind === 'held') later.lock.release();
    }
  });

  it('a lock file that is not ours to read (damaged) names an unknown holder and its time', () => {
    const drafts = tempDir();
    writeFileSync(join(drafts, '.d8.lock'), '\u0000not json');
    const held = holdDraft(join(drafts, 'd8.json'));
    expect(held).toMatchObject({ kind: 'busy', holder: { pid: undefined, host: undefined } });
  });

  it('is refused where a folder or a symlink is in its place, naming it; nothing is followed or removed', () => {
    const drafts = tempDir();
    mkdirSync(join(drafts, '.d9.lock'));
    expect(() => holdDraft(join(drafts, 'd9.json'))).toThrow(
      `the lock file of the draft d9, ${join(drafts, '.d9.lock')}, is a folder, not a lock clientfit made`,
    );
    symlinkSync(join(drafts, 'nowhere'), join(drafts, '.d10.lock'));
    expect(
      tryLock(join(drafts, '.d10.lock'), { staleAfterMs: draftLockLimitMs, takeOver: true }),
    ).toEqual({
      kind: 'foreign',
      path: join(drafts, '.d10.lock'),
      what: 'a symbolic link',
    });
    expect(lstatSync(join(drafts, '.d10.lock')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(drafts, 'nowhere'))).toBe(false);
  });

  it('a lock whose text names no holder is stale after 10 seconds; --take-over never takes one from a live process here', () => {
    const drafts = tempDir();
    const lock = join(drafts, '.d11.lock');
    writeFileSync(lock, '');
    const now = Date.now();
    expect(tryLock(lock, { staleAfterMs: draftLockLimitMs, now: () => now + 5_000 }).kind).toBe(
      'busy',
    );
    const later = tryLock(lock, { staleAfterMs: draftLockLimitMs, now: () => now + 11_000 });
    expect(later.kind).toBe('held');
    if (later.kind === 'held') later.lock.release();
    const live = lockOf(drafts, 'd12', {
      pid: process.ppid,
      host: hostname(),
      since: new Date(now).toISOString(),
    });
    expect(tryLock(live, { staleAfterMs: draftLockLimitMs, takeOver: true }).kind).toBe('busy');
    const away = lockOf(drafts, 'd13', {
      pid: process.ppid,
      host: `not-${hostname()}`,
      since: new Date(now).toISOString(),
    });
    const taken = tryLock(away, { staleAfterMs: draftLockLimitMs, takeOver: true });
    expect(taken.kind).toBe('held');
    if (taken.kind === 'held') taken.lock.release();
  });
});

describe('temporary files', () => {
  it('of processes that are gone are removed by the next write to their folder; others are left alone', () => {
    const dir = tempDir();
    const dead = join(dir, `.r.json.${2 ** 22 + 1}.0123456789ab.tmp`);
    const live = join(dir, `.r.json.${process.pid}.0123456789ab.tmp`);
    const foreign = join(dir, '.notes.tmp');
    const folder = join(dir, `.bank.${2 ** 22 + 1}.89abcdef.tmp`);
    for (const path of [dead, live, foreign]) writeFileSync(path, 'half');
    mkdirSync(folder);
    writeFileAtomic(join(dir, 'r.json'), '{}', { overwrite: false });
    expect(readdirSync(dir).sort()).toEqual(
      [folder, foreign, live, join(dir, 'r.json')].map((p) => p.slice(dir.length + 1)).sort(),
    );
  });
});

describe('a signal after the record is saved', () => {
  it('still says where the assessment is, when it lands while the report is written', async () => {
    const { main } = await import('../../src/main');
    const { isolatedXdg } = await import('../helpers/run-cli');
    const { root } = await import('../helpers/paths');
    const store = tempDir();
    const handlers = new Set<(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP') => void>();
    let said = '';
    const status = await main(
      [
        'run',
        '--answers',
        join(root, 'questions', 'samples', 'northwind-bakery.yaml'),
        '--store',
        store,
      ],
      {
        // The report is written after the save: a SIGTERM arriving now runs whatever handlers are registered.
        stdout: {
          write: () => {
            for (const handler of handlers) handler('SIGTERM');
            return true;
          },
          isTTY: false,
        },
        stderr: { write: () => true, isTTY: false },
        stdin: { isTTY: false },
        env: { ...isolatedXdg(), NO_COLOR: '1', HOME: tempDir() },
        cwd: root,
        now: () => new Date('2026-01-01T00:00:00Z'),
        writeErrNow: (text) => (said += text),
        onInterrupt: (handler) => {
          handlers.add(handler);
          return () => handlers.delete(handler);
        },
      },
    );
    expect(status).toBe(0);
    const [saved] = readdirSync(store);
    expect(said).toContain(
      `Stopped by SIGTERM; the assessment is saved as record ${(saved ?? '').replace(/\.json$/, '')}`,
    );
    // Once said, nothing is left registered: a later signal ends clientfit at once.
    expect(handlers.size).toBe(0);
  });
});
