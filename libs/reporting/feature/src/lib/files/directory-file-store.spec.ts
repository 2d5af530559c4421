import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { DirectoryFileStore } from './directory-file-store';

describe('DirectoryFileStore', () => {
  let directory: string;
  let store: DirectoryFileStore;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'pulse-files-'));
    store = new DirectoryFileStore(directory);
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes the chunks in order and reads them back', async () => {
    async function* chunks() {
      yield 'a,b\r\n';
      yield Buffer.from('1,2\r\n');
    }
    expect(await store.write('t/r/run.csv', chunks())).toEqual({ size: 10 });
    expect(await text(await store.read('t/r/run.csv'))).toBe('a,b\r\n1,2\r\n');
  });

  it('leaves nothing behind when the chunks fail midway', async () => {
    async function* failing() {
      yield 'first block';
      throw new Error('section 2 failed');
    }
    await expect(store.write('t/r/run.csv', failing())).rejects.toThrow('section 2 failed');
    expect(await readdir(join(directory, 't/r'))).toEqual([]);
    await expect(store.read('t/r/run.csv')).rejects.toThrow();
  });

  it('refuses a key that leaves its directory', async () => {
    await expect(store.read('../outside.csv')).rejects.toThrow('leaves');
  });
});
