import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { compareStrings } from '../printers/printer.js';

/**
 * Shards of a CI matrix (`check --shard i/n`): which files shard i of n lints, so every file lands in exactly one
 * shard and every shard gets about the same amount of code, on every machine; and the hash of the whole file list
 * that `report merge` compares, so shards of different checkouts are never merged.
 */

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `i/n` with 1 ≤ i ≤ n. */
export function parseShard(spec: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${spec}: expected i/n with 1 ≤ i ≤ n (e.g. 1/4)`);
  }
  return { index, count };
}

/**
 * Every file costs about this much on top of its size (ESLint's per-file setup: scope analysis with the lib
 * globals, rule listeners), so shards of many small files are not under-weighted.
 */
const FILE_OVERHEAD_BYTES = 2048;

/**
 * Splits the files into `count` shards: ordered by a hash of the path (the same on every machine, and a new file
 * moves only its neighbours), then cut where the running total of weights crosses each 1/count — so every shard
 * gets about the same amount of code. Each file lands in exactly one shard.
 */
export function assignShards(files: readonly { file: string; size: number }[], count: number): Map<string, number> {
  const ordered = files
    .map((entry) => ({ ...entry, hash: createHash('sha1').update(entry.file).digest('hex'), weight: entry.size + FILE_OVERHEAD_BYTES }))
    .sort((a, b) => compareStrings(a.hash, b.hash) || compareStrings(a.file, b.file));
  const total = ordered.reduce((sum, entry) => sum + entry.weight, 0);
  const shards = new Map<string, number>();
  let before = 0;
  for (const entry of ordered) {
    // The file's midpoint decides, so a large file sits in the shard that holds most of it.
    const middle = before + entry.weight / 2;
    shards.set(entry.file, Math.min(count, Math.floor((middle / total) * count) + 1));
    before += entry.weight;
  }
  return shards;
}

export function shardFiles(repoRoot: string, files: readonly string[], shard: Shard): string[] {
  const sized = files.map((file) => {
    let size = 0;
    try {
      size = statSync(path.join(repoRoot, file)).size;
    } catch {
      // unreadable: reported by the shard that lints it
    }
    return { file, size };
  });
  const shards = assignShards(sized, shard.count);
  return files.filter((file) => shards.get(file) === shard.index);
}

export function fileSetHash(files: readonly string[]): string {
  return createHash('sha1').update(files.join('\0')).digest('hex');
}
