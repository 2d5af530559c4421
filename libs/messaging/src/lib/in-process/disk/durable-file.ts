import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes a directory's entries (a created, renamed or deleted file) survive a crash: without it a new
 * file can vanish after a power loss even though its own data was fsynced.
 */
export async function syncDirectory(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) and file systems cannot open or fsync a directory: nothing more to do there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces a file's content all at once: written to a temporary file, fsynced, renamed over the old
 * one. A crash leaves either the old content or the new, never half of it.
 */
export async function writeFileDurably(
  path: string,
  content: string,
): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}
