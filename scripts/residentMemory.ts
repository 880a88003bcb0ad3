// Resident memory of this process for the benchmarks, split into what is mapped from files (shared
// library code, which the kernel can drop and reload) and the rest.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface ResidentMemory {
  total: number;
  /** Pages backed by files, such as native libraries' code; 0 where /proc is not available. */
  mapped: number;
}

export function residentMemory(): ResidentMemory {
  const total = process.memoryUsage().rss;
  try {
    const kilobytes = /^RssFile:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return { total, mapped: kilobytes === undefined ? 0 : Number(kilobytes) * 1024 };
  } catch {
    return { total, mapped: 0 };
  }
}

/**
 * A full collection, so a figure counts memory still held rather than garbage not yet collected. The
 * wait lets V8's background threads free the collected buffers (a 4.5 MB model file is one).
 */
export async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  await new Promise((resolve) => setTimeout(resolve, 100));
}
