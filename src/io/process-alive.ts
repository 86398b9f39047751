/**
 * Whether process `pid` of this machine is running (another user's counts
 * too: the kernel says EPERM, not ESRCH). Used only for files whose name or
 * content says which process of this host made them.
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
