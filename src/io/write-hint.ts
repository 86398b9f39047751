/**
 * What to suggest when a write fails, matched to its reason: no permission
 * is not mended by freeing space, nor a full disk by fixing permissions.
 * `folder` names the folder in words, `elsewhere` says where else to write.
 */
export function writeHint(code: string | undefined, folder: string, elsewhere: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `free some space on the disk of ${folder}, or ${elsewhere}`;
    case 'EACCES':
    case 'EPERM':
      return `make ${folder} writable for you (check its permissions and owner), or ${elsewhere}`;
    case 'EROFS':
      return `${elsewhere}, on a file system that can be written`;
    default:
      return `check ${folder}, or ${elsewhere}`;
  }
}

/** Why a file-system call failed, in words, from its error code. */
export function reason(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'the path is a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return `the system said ${code ?? 'no more'}`;
  }
}
