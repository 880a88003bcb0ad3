// One writer at a time for the progress file, across VS Code windows (each window is its own process).
//
// Why a lock file rather than one journal per window merged on read: every reader would then have to
// find, read and merge all the journals, and compacting them needs mutual exclusion anyway. A save holds
// the lock for a few milliseconds, so a window rarely waits, and never for long.
//
// The lock is a file created with O_EXCL (atomic: exactly one creator wins) holding its owner's pid, host,
// a random token and the time. It is stale, left by a window that crashed mid-save, when its owner
// process is gone (same host), when it is older than `staleAfterMs`, or when it stayed unchanged that long
// while we waited (this covers clock skew and a lock whose text was never written). A stale lock is
// broken by renaming it to a unique name and checking that the renamed file is the one judged stale, so
// two waiters breaking the same lock cannot remove a fresh lock taken in between.
//
// Saves run on the editor's thread, so a waiter gives up after a fraction of a second (LockBusyError) rather
// than block while another window hangs mid-save: the caller keeps the change and tries again later
// (busyRetry.ts). What the waiter saw of the lock is kept across those tries, so a lock that stays
// unchanged is still judged stale after `staleAfterMs` in all.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DurableFileSystem } from './durableFileSystem';

export interface LockTiming {
  staleAfterMs: number;
  /** How long one attempt waits for a live owner before giving up with a LockBusyError. */
  waitLimitMs: number;
}

// A save takes milliseconds; ten seconds only passes when the owner hung or its clock is off. A waiter
// blocks the editor's thread, so it waits for a fifth of a second at most and tries again later.
export const DEFAULT_LOCK_TIMING: LockTiming = { staleAfterMs: 10_000, waitLimitMs: 200 };

/** Another window holds the lock: nothing was saved, and trying again later is the way forward. */
export class LockBusyError extends Error {
  readonly code = 'ELOCKED';
}

/** What a waiter saw of the lock and since when: kept across attempts by its owner (one per progress file). */
export interface LockSighting {
  text: string | undefined;
  since: number;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
  since: number;
}

/** Runs `work` while holding the lock at `lockPath`; errors creating the lock (read-only, full disk) are thrown. */
export function withLock<T>(
  fs: DurableFileSystem,
  lockPath: string,
  work: () => T,
  timing: LockTiming = DEFAULT_LOCK_TIMING,
  seen: { last?: LockSighting } = {},
): T {
  const token = acquire(fs, lockPath, timing, seen);
  try {
    return work();
  } finally {
    release(fs, lockPath, token);
  }
}

function acquire(fs: DurableFileSystem, lockPath: string, timing: LockTiming, seen: { last?: LockSighting }): string {
  const token = randomUUID();
  const started = Date.now();
  for (;;) {
    const owner: Owner = { pid: process.pid, host: hostname(), token, since: Date.now() };
    if (fs.createExclusive(lockPath, JSON.stringify(owner))) {
      seen.last = undefined;
      return token;
    }
    const text = fs.read(lockPath);
    if (text === undefined) continue; // released between our attempt and the read
    const now = Date.now();
    if (seen.last?.text !== text) seen.last = { text, since: now };
    if (isStale(text, now - seen.last.since, timing)) {
      breakStale(fs, lockPath, text);
      continue;
    }
    if (now - started > timing.waitLimitMs)
      throw new LockBusyError(`another DL Tutor window is saving progress (${lockPath})`);
    sleep(1 + Math.random() * 4);
  }
}

function isStale(text: string, unchangedForMs: number, timing: LockTiming): boolean {
  if (unchangedForMs > timing.staleAfterMs) return true;
  const owner = parseOwner(text);
  if (!owner) return false; // being written right now, or garbage: judged by how long it stays unchanged
  if (Date.now() - owner.since > timing.staleAfterMs) return true;
  return owner.host === hostname() && !isAlive(owner.pid);
}

function breakStale(fs: DurableFileSystem, lockPath: string, staleText: string): void {
  const grave = `${lockPath}.${randomUUID()}.stale`;
  try {
    fs.rename(lockPath, grave);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another waiter broke it first
    throw error;
  }
  const taken = fs.read(grave);
  // Another waiter broke the stale lock and took a fresh one before our rename: give it back.
  if (taken !== undefined && taken !== staleText) fs.createExclusive(lockPath, taken);
  fs.remove(grave);
}

function release(fs: DurableFileSystem, lockPath: string, token: string): void {
  try {
    // Only our own lock: if ours was broken as stale, the current one belongs to someone else.
    if (parseOwner(fs.read(lockPath) ?? '')?.token === token) fs.remove(lockPath);
  } catch {
    // Left in place, the lock turns stale when this process exits; the save itself has succeeded.
  }
}

function parseOwner(text: string): Owner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    if (
      typeof owner.pid === 'number' &&
      typeof owner.host === 'string' &&
      typeof owner.token === 'string' &&
      typeof owner.since === 'number'
    ) {
      return owner as Owner;
    }
  } catch {
    // not a lock this code wrote completely
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Saves are synchronous (a review is on disk when the call returns), so waiting blocks too, briefly. */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
