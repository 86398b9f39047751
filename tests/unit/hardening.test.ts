import fc from 'fast-check';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { StoredDraft } from '../../src/io/drafts';
import { claimDraft, claimOfDraft, discardDraft, listDrafts, settleClaims } from '../../src/io/drafts';
import { readInputFile, readInputText } from '../../src/io/read-input';
import { saveAssessment } from '../../src/io/store';
import { folderProblem, writeFileAtomic } from '../../src/io/write-file';
import { colorStyle } from '../../src/render/style';
import { safe, terminalText, yamlCommentText } from '../../src/render/terminal-safe';
import type { AssessmentRecord } from '../../src/core/record';
import { tempDir } from '../helpers/temp';

/** Anything that must never reach a terminal raw: controls (but the line feed), bidi, zero-width, tag characters. */
// eslint-disable-next-line no-control-regex -- finding these is the point
const unsafeOutput = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\u{E0000}-\u{E007F}]/u;

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
    expect(terminalText(style.bold(`a ${style.dim('b')} c`))).toBe('\u001b[1ma \u001b[2mb\u001b[22m\u001b[1m c\u001b[22m');
    // Conceal, inverse, a cursor move, an erase, a title (OSC) and a DCS string: none of them is a colour.
    expect(terminalText('\u001b[8mhidden\u001b[7m\u001b[2A\u001b[2J\u001b]0;t\u0007\u001bPq\u001b\\')).toBe('^[[8mhidden^[[7m^[[2A^[[2J^[]0;t^G^[Pq^[\\');
  });

  it('lets nothing unsafe through, whatever the text, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const shown = terminalText(text);
        // eslint-disable-next-line no-control-regex -- the colour sequences the writer lets through
        expect(unsafeOutput.test(shown.replace(/\u001b\[(?:0|1|2|22|3[0-9]|9[0-7])m/g, ''))).toBe(false);
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
    expect(yamlCommentText('Title\nanswers: {injected: 1}\u2028x\u0085y')).toBe('Title^Janswers: {injected: 1}\\u{2028}x\\u{0085}y');
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
    expect(tooSmall.ok ? '' : tooSmall.diagnostic.message).toBe('this file is larger than 16 bytes');
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
    for (const [name, text] of [...files, ...files]) expect(readInputText(join(dir, name), name, 1024 * 1024)).toEqual({ ok: true, text });
    expect(readInputText(join(dir, 'latin1'), 'latin1', 1024).ok ? '' : 'refused').toBe('refused');
    const status = readInputText('/proc/self/status', 'status', 1024 * 1024);
    expect(status.ok ? status.text : '').toMatch(/^Name:[^]*\nPid:/);
    const tooSmall = readInputText(join(dir, 'larger'), 'larger', 1000);
    expect(tooSmall.ok ? '' : tooSmall.diagnostic.message).toBe('this file is 195.3 KiB; the limit is 1000 bytes');
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
    expect(folderProblem(join(dir, 'dangling', 'x'))).toMatch(/dangling is a symbolic link to a place that does not exist$/);
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

  it('saves one record per draft: the second claim finds it gone and names the record', async () => {
    const drafts = tempDir();
    const store = tempDir();
    const draft = draftIn(drafts, '2026-01-01-acme-abc123');
    const first = await saveAssessment(store, record('first-record'), draft);
    const second = await saveAssessment(store, record('second-record'), draft);
    expect(first).toEqual({ saved: true, recordId: 'first-record' });
    expect(second).toEqual({ saved: false, savedAs: 'first-record', saving: false });
    expect(readdirSync(store)).toEqual(['first-record.json']);
    // The draft is gone; an empty hidden marker names the record (and the process that saved it), and `drafts` does not list it.
    const marker = `.2026-01-01-acme-abc123.saved-as.first-record.${process.pid}`;
    expect(readdirSync(drafts)).toEqual([marker]);
    expect(statSync(join(drafts, marker)).size).toBe(0);
  });

  it('saves the answers when the draft was deleted meanwhile without a claim (discarded, or finished by a --no-save run)', async () => {
    const drafts = tempDir();
    const store = tempDir();
    const draft = draftIn(drafts, 'd11');
    rmSync(draft.path);
    expect(await saveAssessment(store, record('r11'), draft)).toEqual({ saved: true, recordId: 'r11', draftGone: true });
    expect(readdirSync(store)).toEqual(['r11.json']);
  });

  it('two interviews of one draft finished at once with different answers: both are kept, the same answers once', async () => {
    const { runInProcess } = await import('../helpers/in-process');
    const { root } = await import('../helpers/paths');
    const { readRecord } = await import('../../src/io/store');
    // Two real records of different assessments, as two terminals would make from one draft.
    const made = tempDir();
    for (const sample of ['northwind-bakery', 'fjord-instruments'])
      expect((await runInProcess(['run', '--answers', join(root, 'questions', 'samples', `${sample}.yaml`), '--store', made])).status).toBe(0);
    const [first, second] = readdirSync(made).map((name) => {
      const entry = readRecord(made, name);
      if (!entry.ok) throw new Error(entry.problem);
      return entry.record;
    });
    if (first === undefined || second === undefined) throw new Error('two records expected');
    const drafts = tempDir();
    const store = tempDir();
    const draft = draftIn(drafts, 'd12');
    expect(await saveAssessment(store, first, draft)).toEqual({ saved: true, recordId: first.id });
    expect(await saveAssessment(store, { ...second, id: 'other-answers' }, draft)).toEqual({ saved: true, recordId: 'other-answers', besides: first.id });
    expect(await saveAssessment(store, { ...first, id: 'same-answers' }, draft)).toEqual({ saved: false, savedAs: first.id, saving: false });
    expect(readdirSync(store).sort()).toEqual([`${first.id}.json`, 'other-answers.json']);
  });

  it('gives the draft back when the record cannot be saved', async () => {
    const drafts = tempDir();
    const draft = draftIn(drafts, 'd2');
    const notAFolder = join(tempDir(), 'file');
    writeFileSync(notAFolder, 'x');
    await expect(saveAssessment(notAFolder, record('r'), draft)).rejects.toThrow(/it is a file, not a folder/);
    expect(existsSync(draft.path)).toBe(true);
  });

  it('claims by rename: a draft already claimed is reported gone', async () => {
    const drafts = tempDir();
    const draft = draftIn(drafts, 'd3');
    expect((await claimDraft(draft, 'r1')).kind).toBe('claimed');
    expect(await claimDraft(draft, 'r2')).toEqual({ kind: 'gone' });
    expect(claimOfDraft(drafts, tempDir(), 'd3')).toMatchObject({ recordId: 'r1', draftId: 'd3' });
  });

  it('saves nothing when the draft cannot be claimed (its folder cannot be written): the draft stays, and the reason is given', async () => {
    const drafts = tempDir();
    const store = tempDir();
    const draft = draftIn(drafts, 'd4');
    // A folder where the claim would go makes the rename fail (EISDIR), as a read-only folder would (EACCES).
    mkdirSync(join(drafts, `.d4.saved-as.r4.${process.pid}`, 'full'), { recursive: true });
    const outcome = await saveAssessment(store, record('r4'), draft);
    expect(outcome).toEqual({ saved: false, blocked: 'it is a folder', code: 'EISDIR' });
    expect(readdirSync(store)).toEqual([]);
    expect(existsSync(draft.path)).toBe(true);
  });
});

describe('a save stopped half-way', () => {
  // No process has this id: Linux never gives out ids above 2^22.
  const deadPid = 2 ** 22 + 1;
  const stoppedClaim = (drafts: string, draftId: string, recordId: string, pid: number = deadPid): string => {
    const path = join(drafts, `.${draftId}.saved-as.${recordId}.${pid}`);
    writeFileSync(path, '{"the":"answers"}');
    return path;
  };

  it('makes the draft resumable again when the record it names was never saved: nothing lost, nothing said saved', async () => {
    const drafts = tempDir();
    const store = tempDir();
    const claim = stoppedClaim(drafts, 'd5', 'r5');
    expect(settleClaims(drafts, store)).toEqual([]);
    expect(existsSync(claim)).toBe(false);
    expect(readFileSync(join(drafts, 'd5.json'), 'utf8')).toBe('{"the":"answers"}');
    expect(claimOfDraft(drafts, store, 'd5')).toBeUndefined();
    // And listing the drafts does the same, so `clientfit drafts` and `run --resume` find it.
    stoppedClaim(drafts, 'd6', 'r6');
    await listDrafts(drafts, store);
    expect(existsSync(join(drafts, 'd6.json'))).toBe(true);
  });

  it('counts the draft saved when the record it names exists: the claim becomes the marker', () => {
    const drafts = tempDir();
    const store = tempDir();
    const claim = stoppedClaim(drafts, 'd7', 'r7');
    writeFileSync(join(store, 'r7.json'), '{}');
    expect(claimOfDraft(drafts, store, 'd7')).toMatchObject({ recordId: 'r7', state: 'finished' });
    expect(statSync(claim).size).toBe(0);
    expect(existsSync(join(drafts, 'd7.json'))).toBe(false);
  });

  it('leaves alone a claim whose clientfit is still saving it', () => {
    const drafts = tempDir();
    const store = tempDir();
    // The process that runs this test is alive: as another clientfit in the middle of its save would be.
    const claim = stoppedClaim(drafts, 'd8', 'r8', process.ppid);
    expect(claimOfDraft(drafts, store, 'd8')).toMatchObject({ recordId: 'r8', state: 'saving' });
    expect(existsSync(claim)).toBe(true);
    expect(existsSync(join(drafts, 'd8.json'))).toBe(false);
  });

  it('does not trust a process id for long: a claim over a minute old whose process id is alive again is a stopped save', () => {
    const drafts = tempDir();
    const store = tempDir();
    // After a restart, or in a new container, the number of a stopped clientfit belongs to another process.
    stoppedClaim(drafts, 'd9', 'r9', process.ppid);
    expect(settleClaims(drafts, store, Date.now() + 61_000)).toEqual([]);
    expect(readFileSync(join(drafts, 'd9.json'), 'utf8')).toBe('{"the":"answers"}');
  });

  it('never empties or moves a hard link that is named like a claim', () => {
    const drafts = tempDir();
    const store = tempDir();
    const elsewhere = join(tempDir(), 'precious.txt');
    writeFileSync(elsewhere, 'keep me');
    linkSync(elsewhere, join(drafts, `.d10.saved-as.r10.${deadPid}`));
    writeFileSync(join(store, 'r10.json'), '{}');
    expect(settleClaims(drafts, store)).toEqual([]);
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
    expect(existsSync(join(drafts, 'd10.json'))).toBe(false);
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
    const status = await main(['run', '--answers', join(root, 'questions', 'samples', 'northwind-bakery.yaml'), '--store', store], {
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
    });
    expect(status).toBe(0);
    const [saved] = readdirSync(store);
    expect(said).toContain(`Stopped by SIGTERM; the assessment is saved as record ${(saved ?? '').replace(/\.json$/, '')}`);
    // Once said, nothing is left registered: a later signal ends clientfit at once.
    expect(handlers.size).toBe(0);
  });
});
