import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { loadNodePty, ptyRequired, ptyRequiredMessage } from '../helpers/node-pty';
import { describe, expect, it } from 'vitest';
import { binPath } from '../helpers/paths';
import { homeEnv, isolatedEnv } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir, writeTree } from '../helpers/temp';
import { oneQuestionBank } from '../helpers/mini-bank';

// The completion scripts call `clientfit __complete LINE` back: these tests
// put a `clientfit` on PATH that runs the built binary, give it a home of its
// own with one draft and one record, and run the scripts in real shells.

const home = tempDir('clientfit-complete-home-');
const env: Record<string, string> = { ...isolatedEnv(), ...homeEnv(home), NO_COLOR: '1' };
const shim = writeTree({ clientfit: `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n` });
chmodSync(join(shim, 'clientfit'), 0o755);
env.PATH = `${shim}:${env.PATH ?? ''}`;

const draftId = '2026-01-02T10-00-00-000Z-acme-0a1b2c';
writeTree(
  { [`${draftId}.json`]: '{}\n' },
  writeTree({}, join(home, 'state', 'clientfit', 'drafts')),
);
const saved = await cli(['run', '--answers', 'questions/samples/fjord-instruments.yaml'], { env });
/** The scripts `clientfit completion SHELL` prints. */
const scripts = {
  bash: (await cli(['completion', 'bash'])).stdout,
  zsh: (await cli(['completion', 'zsh'])).stdout,
  fish: (await cli(['completion', 'fish'])).stdout,
};
const recordId = /Saved as record (\S+) /.exec(saved.stderr)?.[1] ?? 'no record';

function hasShell(shell: string): boolean {
  const found = spawnSync(shell, ['-c', 'exit 0'], { env }).status === 0;
  if (!found) {
    // CI must test bash; elsewhere a missing shell skips its tests, visibly.
    if (shell === 'bash' && process.env.CI !== undefined)
      throw new Error('bash is required under CI for the completion tests');
    console.warn(`notice: ${shell} is not installed; its completion tests are skipped`);
  }
  return found;
}

/** `clientfit __complete LINE` as the scripts call it, run in this process: stdout and stderr. */
async function ask(line: string, extra: Record<string, string> = {}) {
  const r = await cli(['__complete', line], { env: { ...env, ...extra } });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    values: r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(' ')[0]),
  };
}

describe('clientfit __complete', () => {
  it.each([
    [
      'clientfit ',
      [
        'run',
        'history',
        'show',
        'outcome',
        'calibrate',
        'rescore',
        'drafts',
        'forget',
        'template',
        'questions',
        'validate',
        'config',
        'init',
        'completion',
        'help',
      ],
    ],
    ['clientfit res', ['rescore']],
    ['clientfit run --ans', ['--answers', '--answer']],
    ['clientfit run --format ', ['text', 'json', 'markdown', 'html']],
    ['clientfit history --recommendation d', ['decline']],
    ['clientfit completion ', ['bash', 'zsh', 'fish']],
    ['clientfit completion z', ['zsh']],
    ['clientfit run --resume ', [draftId]],
    ['clientfit drafts --discard ac', []],
    ['clientfit drafts --discard 2026', [draftId]],
    ['clientfit show ', [recordId, 'fjord-instruments']],
    ['clientfit show fj', ['fjord-instruments']],
    ['clientfit run --answer why-c', ['why-competitor=', 'why-convenience=']],
    [
      'clientfit run --answer needs-endorsement=',
      ['needs-endorsement=yes', 'needs-endorsement=no', 'needs-endorsement=unknown'],
    ],
    ['clientfit run --answers a.yaml --answer product-knowledge=4', ['product-knowledge=4']],
    ['clientfit run --answer request=', []],
    ['clientfit run --prospect ', []],
    ['clientfit run --answers ', [':files']],
    ['clientfit validate ', [':files']],
    ['clientfit validate my-bank ', [':files']],
    [
      'clientfit help ',
      [
        'run',
        'history',
        'show',
        'outcome',
        'calibrate',
        'rescore',
        'drafts',
        'forget',
        'template',
        'questions',
        'validate',
        'config',
        'init',
        'completion',
      ],
    ],
  ])('%j → %j', async (line, expected) => {
    const r = await ask(line);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.values).toEqual(expected);
  });

  it('answers from the bank given on the line', async () => {
    const bank = writeTree({ 'bank.yaml': oneQuestionBank('pick', ['ex', 'why'], 'take') });
    expect((await ask(`clientfit run --bank ${bank} --answer `)).values).toEqual(['pick=']);
    expect((await ask(`clientfit run --bank ${bank} --answer pick=`)).stdout).toBe(
      "pick=ex Ex\npick=why Why\npick=unknown didn't come up\n",
    );
  });

  it('never prints an error, and writes no file, whatever goes wrong', async () => {
    const quiet = async (line: string, extra: Record<string, string> = {}) => {
      const r = await ask(line, extra);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    expect(await quiet('clientfit run --answer ', { CLIENTFIT_FORMAT: 'xml' })).toBe('');
    expect(await quiet('clientfit run --bank /nowhere --answer ')).toBe('');
    expect(await quiet('clientfit show ', { CLIENTFIT_CONFIG: '/nowhere/config.yaml' })).toBe('');
    expect(await quiet('clientfit nonsense --')).toBe('');
    expect(await quiet('clientfit run --answer why-competitor=\u001b[2J')).toBe('');
    // A fresh home: the bank is read, the drafts folder and store looked at, and nothing is written.
    const empty = tempDir();
    const fresh = homeEnv(empty);
    expect(await quiet('clientfit run --answer why-competitor=l', fresh)).toBe(
      'why-competitor=light-bulb They paused, reconsidered and asked what would work for their own cus…\n',
    );
    await quiet('clientfit run --resume ', fresh);
    await quiet('clientfit show ', fresh);
    expect(readdirSync(empty)).toEqual([]);
  });
});

describe.skipIf(!hasShell('bash'))('the bash script', () => {
  const script = join(tempDir(), 'clientfit.bash');
  writeFileSync(script, scripts.bash);

  /** Runs the completion function the way bash calls it: the line up to the cursor, and the words as bash splits them (at spaces, "=" and ":"). */
  function complete(line: string): { replies: string[]; nospace: boolean } {
    const words = line
      .split(' ')
      .flatMap((w) => w.split(/(=)/).filter((part, i, all) => part !== '' || i === all.length - 1));
    const program = [
      `source '${script}'`,
      'compopt() { [[ "$2" == nospace ]] && echo NOSPACE; return 0; }',
      `COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}`,
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}`,
      '_clientfit',
      `printf 'reply:%s\\n' "\${COMPREPLY[@]}"`,
    ].join('\n');
    const r = spawnSync('bash', ['-c', program], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    return {
      replies: lines.filter((l) => l.startsWith('reply:')).map((l) => l.slice(6)),
      nospace: lines.includes('NOSPACE'),
    };
  }

  it('passes bash -n', () => {
    expect(spawnSync('bash', ['-n', script], { env }).status).toBe(0);
  });

  it('completes commands, flags, choices, draft and record ids', () => {
    expect(complete('clientfit res').replies).toEqual(['rescore']);
    expect(complete('clientfit run --ans').replies).toEqual(['--answers', '--answer']);
    expect(complete('clientfit completion ').replies).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('clientfit run --resume ').replies).toEqual([draftId]);
    expect(complete('clientfit show ').replies).toEqual([recordId, 'fjord-instruments']);
    expect(complete('clientfit run --edit ').replies).toEqual([recordId, 'fjord-instruments']);
    expect(complete('clientfit forget ').replies).toEqual([recordId, 'fjord-instruments']);
    expect(complete('clientfit forget --').replies).toEqual([
      '--yes',
      '--dry-run',
      '--store',
      '--help',
    ]);
  });

  it('completes a question id, then its value after the "=" bash splits at', () => {
    expect(complete('clientfit run --answer why-comp')).toEqual({
      replies: ['why-competitor='],
      nospace: true,
    });
    expect(complete('clientfit run --answer why-competitor=').replies).toEqual([
      'light-bulb',
      'explained',
      'unknown',
    ]);
    expect(complete('clientfit run --answer why-competitor=li')).toEqual({
      replies: ['light-bulb'],
      nospace: false,
    });
  });

  it('offers file names where a path goes', () => {
    const dir = writeTree({ 'acme.yaml': '' });
    const r = spawnSync(
      'bash',
      [
        '-c',
        `source '${script}'; compopt() { return 0; }; cd '${dir}'; COMP_LINE='clientfit run --answers ac'; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=(clientfit run --answers ac); COMP_CWORD=3; _clientfit; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      {
        encoding: 'utf8',
        env,
      },
    );
    expect(r.stdout).toBe('acme.yaml\n');
  });
});

describe.skipIf(!hasShell('zsh'))('the zsh script', () => {
  const script = join(tempDir(), '_clientfit');
  writeFileSync(script, scripts.zsh);

  /**
   * Runs the completion function with zsh's words and CURRENT, and compadd
   * and _files standing in for the completion system: they print what they
   * were asked to offer (and whether with a space after it).
   */
  function complete(line: string): string[] {
    const words = line.split(' ');
    const program = [
      `compadd() { local tail=''; while [[ $1 == -* && $1 != -- ]]; do case $1 in -S) tail=' (no space)'; shift;; -d) shift;; esac; shift; done; shift; for w in "$@"; do print -r -- "$w$tail"; done }`,
      '_files() { print -r -- FILES }',
      `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}`,
      `source '${script}'`,
    ].join('\n');
    const r = spawnSync('zsh', ['-f', '-c', program], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter((l) => l !== '');
  }

  it('passes zsh -n', () => {
    expect(spawnSync('zsh', ['-n', script], { env }).status).toBe(0);
  });

  it('completes commands, choices, draft and record ids, question ids and their values', () => {
    expect(complete('clientfit res')).toEqual(['rescore']);
    expect(complete('clientfit completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('clientfit run --resume ')).toEqual([draftId]);
    expect(complete('clientfit show ')).toEqual([recordId, 'fjord-instruments']);
    expect(complete('clientfit run --answer why-comp')).toEqual(['why-competitor= (no space)']);
    expect(complete('clientfit run --answer why-competitor=li')).toEqual([
      'why-competitor=light-bulb',
    ]);
    expect(complete('clientfit validate ')).toEqual(['FILES']);
  });
});

describe.skipIf(!hasShell('fish'))('the fish script', () => {
  const script = join(tempDir(), 'clientfit.fish');
  writeFileSync(script, scripts.fish);
  /** What fish itself would offer for the line (`complete -C`), value and description. */
  const complete = (line: string): string[] => {
    const r = spawnSync(
      'fish',
      ['--no-config', '-c', `source '${script}'; complete -C '${line}'`],
      { encoding: 'utf8', env },
    );
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter((l) => l !== '');
  };

  it('passes fish -n', () => {
    expect(spawnSync('fish', ['-n', script], { env }).status).toBe(0);
  });

  it('completes commands with their descriptions, ids, and answers', () => {
    expect(complete('clientfit res')).toEqual([
      'rescore\tscore saved assessments again with a bank, and show which verdicts ch…',
    ]);
    expect(complete('clientfit run --resume ')).toEqual([draftId]);
    expect(complete('clientfit show ')).toEqual([
      recordId,
      'fjord-instruments\tFjord Instruments, the latest assessment',
    ]);
    expect(complete('clientfit run --answer needs-endorsement=n')).toEqual([
      'needs-endorsement=no\tNo — they are content to own what they want',
    ]);
  });
});

describe('clientfit completion', () => {
  it('refuses an unknown shell', async () => {
    const r = await cli(['completion', 'powershell']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });
});

// node-pty builds from source; where it could not be built, these tests say so and step aside (CI requires it).
// (Loaded through the helper, never imported by name: a type import would fail to compile without it.)
const loadedPty = loadNodePty();
if ('missing' in loadedPty && ptyRequired()) throw new Error(ptyRequiredMessage(loadedPty.missing));
if ('missing' in loadedPty)
  console.warn('notice: node-pty is not installed; Tab in a real shell is not tested');
const nodePty = 'pty' in loadedPty ? loadedPty.pty : undefined;

/**
 * The real thing: an interactive shell in a pseudo-terminal, a line typed,
 * Tab pressed, then a "Z" typed: the line on the screen shows what Tab made
 * of it, and whether it left a space after it. Waits for text on the screen,
 * never for a time.
 */
async function tabInShell(
  shell: 'bash' | 'zsh',
  setup: string,
  typed: string,
  expected: RegExp,
): Promise<void> {
  if (nodePty === undefined) return;
  // The pty helper loads node-pty too: only now that it is known to be there.
  const { waitUntil } = await import('../helpers/pty');
  const args = shell === 'bash' ? ['--norc', '--noprofile', '-i'] : ['-f', '-i'];
  const term = nodePty.spawn(shell, args, { cols: 300, rows: 30, env: { ...env, PS1: 'READY> ' } });
  let text = '';
  term.onData((d) => (text += d));
  const shown = () => stripVTControlCharacters(text).replace(/\r/g, '');
  try {
    term.write(`${setup}; echo SET""UP-DONE\r`);
    await waitUntil(
      () => shown().includes('SETUP-DONE'),
      'the shell to take the completion script',
      shown,
    );
    const from = shown().length;
    term.write(`${typed}\tZ`);
    await waitUntil(
      () => expected.test(shown().slice(from)),
      `Tab to turn "${typed}" into ${String(expected)}`,
      () => shown().slice(from),
    );
  } finally {
    // Waited for: a shell still writing its history into the home would race the removal of the home.
    const exited = new Promise<void>((done) => {
      term.onExit(() => {
        done();
      });
    });
    term.kill();
    await exited;
  }
}

// --norc: no bash-completion package is loaded, only the script itself.
describe.skipIf(!hasShell('bash') || nodePty === undefined)('Tab in an interactive bash', () => {
  const setup = 'source <(clientfit completion bash)';
  it('offers the name of a prospect, as show takes it', async () => {
    await tabInShell('bash', setup, 'clientfit show fjo', /clientfit show fjord-instruments Z/);
  });
  it('completes the value after "=" in place', () =>
    tabInShell(
      'bash',
      setup,
      'clientfit run --answer why-competitor=li',
      /clientfit run --answer why-competitor=light-bulb [\b]? ?Z/,
    ));
  it('completes a question id with no space after its "="', () =>
    tabInShell(
      'bash',
      setup,
      'clientfit run --answer why-comp',
      /clientfit run --answer why-competitor=Z/,
    ));
});

describe.skipIf(!hasShell('zsh') || nodePty === undefined)('Tab in an interactive zsh', () => {
  const dir = writeTree({ _clientfit: scripts.zsh });
  const setup = `fpath=('${dir}' $fpath); autoload -U compinit; compinit -u -D`;
  it('completes the value after "="', () =>
    tabInShell(
      'zsh',
      setup,
      'clientfit run --answer why-competitor=li',
      /clientfit run --answer why-competitor=light-bulb [\b]? ?Z/,
    ));
  it('completes a question id with no space after its "="', () =>
    tabInShell(
      'zsh',
      setup,
      'clientfit run --answer why-comp',
      /clientfit run --answer why-competitor=Z/,
    ));
});
