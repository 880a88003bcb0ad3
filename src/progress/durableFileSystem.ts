// The few file operations the progress file needs, with data flushed to disk before they return.
// An interface so tests can stop a save half-way, as a crash would.
import * as fs from 'node:fs';

export interface DurableFileSystem {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): string | undefined;
  exists(path: string): boolean;
  /** The names in a directory. */
  list(directory: string): string[];
  /** Creates the file with the text only if nothing exists at the path (O_EXCL); false when something does. */
  createExclusive(path: string, text: string): boolean;
  /** Creates or truncates the file, writes the text and flushes it to disk. */
  writeDurably(path: string, text: string): void;
  copyDurably(from: string, to: string): void;
  /** Atomically replaces `to` with `from`. */
  rename(from: string, to: string): void;
  remove(path: string): void;
  makeDirectory(path: string): void;
  /** Flushes a rename to disk where the platform allows it. */
  syncDirectory(path: string): void;
}

export const nodeFileSystem: DurableFileSystem = {
  read(path) {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  exists: (path) => fs.existsSync(path),
  list: (directory) => fs.readdirSync(directory),
  createExclusive(path, text) {
    let descriptor: number;
    try {
      descriptor = fs.openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      fs.writeFileSync(descriptor, text, 'utf8');
    } finally {
      fs.closeSync(descriptor);
    }
    return true;
  },
  writeDurably(path, text) {
    const descriptor = fs.openSync(path, 'w');
    try {
      fs.writeFileSync(descriptor, text, 'utf8');
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
  },
  copyDurably(from, to) {
    fs.copyFileSync(from, to);
    const descriptor = fs.openSync(to, 'r+');
    try {
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
  },
  rename: (from, to) => fs.renameSync(from, to),
  remove: (path) => fs.rmSync(path, { force: true }),
  makeDirectory: (path) => fs.mkdirSync(path, { recursive: true }),
  syncDirectory(path) {
    // Windows cannot open a directory for fsync; its rename is already durable enough there.
    if (process.platform === 'win32') return;
    const descriptor = fs.openSync(path, 'r');
    try {
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
  },
};
