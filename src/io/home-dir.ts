import { homedir, userInfo } from 'node:os';
import { isAbsolute } from 'node:path';

/**
 * The user's home folder, always absolute: $HOME when it is an absolute path,
 * else the one the system's user database gives. An empty or relative HOME
 * would otherwise put clientfit's folders under the current folder.
 */
export function homeDir(): string {
  const home = homedir();
  if (isAbsolute(home)) return home;
  try {
    const fromSystem = userInfo().homedir;
    if (isAbsolute(fromSystem)) return fromSystem;
  } catch {
    // No entry for this user: fall through.
  }
  return '/';
}
