import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** Who assessed a prospect (or recorded an outcome), and where the name came from. */
export interface Assessor {
  readonly name: string | null;
  readonly from: '--by' | 'config file' | 'git config user.name' | 'login name' | 'nobody';
}

/** Names are kept to one line of at most 200 characters. */
function tidy(name: string | undefined): string | undefined {
  const line = name?.split(/\r?\n/)[0]?.trim();
  return line === undefined || line === '' ? undefined : line.slice(0, 200);
}

/**
 * git's user.name as seen from `cwd`: git is run directly (no shell), with a
 * short timeout and no prompt; a missing git, or none configured, is simply
 * no name.
 */
function gitUserName(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  // git is asked once per folder and configuration: a process that runs many assessments (the tests do) starts it once.
  const key = JSON.stringify([
    cwd,
    env.HOME,
    env.XDG_CONFIG_HOME,
    env.GIT_CONFIG_GLOBAL,
    env.GIT_CONFIG_SYSTEM,
    env.GIT_CONFIG_NOSYSTEM,
    env.GIT_DIR,
  ]);
  if (askedGit.has(key)) return askedGit.get(key);
  const name = askGit(cwd, env);
  if (askedGit.size > 100) askedGit.clear();
  askedGit.set(key, name);
  return name;
}

const askedGit = new Map<string, string | undefined>();

function askGit(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  try {
    const out = execFileSync('git', ['config', '--get', 'user.name'], {
      cwd,
      env: { ...env, GIT_TERMINAL_PROMPT: '0' },
      encoding: 'utf8',
      timeout: 1500,
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
    return tidy(out);
  } catch {
    return undefined;
  }
}

/**
 * The assessor's name: `--by`, else `by` in the config file, else git's
 * user.name, else the login name; null when none of these can be told.
 */
export function resolveAssessor(options: {
  readonly flag: string | undefined;
  readonly config: string | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}): Assessor {
  const flag = tidy(options.flag);
  if (flag !== undefined) return { name: flag, from: '--by' };
  const configured = tidy(options.config);
  if (configured !== undefined) return { name: configured, from: 'config file' };
  const git = gitUserName(options.cwd, options.env);
  if (git !== undefined) return { name: git, from: 'git config user.name' };
  let login: string | undefined;
  try {
    login = tidy(userInfo().username);
  } catch {
    login = tidy(options.env.USER ?? options.env.LOGNAME);
  }
  return login === undefined ? { name: null, from: 'nobody' } : { name: login, from: 'login name' };
}
