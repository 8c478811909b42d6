import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/**
 * Reading and writing source files without losing anything (CONTRACT §7.3): the text the pipeline edits has no
 * BOM (edit offsets count from the first real character), and writing puts back the BOM, the mode and — since
 * the pipeline only replaces ranges — every line ending and the final newline exactly as they were.
 */

export interface SourceText {
  /** The file's text without its BOM. */
  text: string;
  bom: boolean;
  /** The dominant line ending, for lines the rewrite inserts. */
  eol: '\n' | '\r\n';
  /** Permission bits (e.g. 0o755), restored on the rewritten file. */
  mode: number;
}

const BOM = '\uFEFF';

export function readSource(absPath: string): SourceText {
  const raw = readFileSync(absPath, 'utf8');
  const bom = raw.startsWith(BOM);
  const text = bom ? raw.slice(BOM.length) : raw;
  return { text, bom, eol: dominantEol(text), mode: statSync(absPath).mode & 0o7777 };
}

export function dominantEol(text: string): SourceText['eol'] {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Replaces the file in one step: a reader (an editor, a watcher, a concurrent build) sees the old file or the new
 * one, never half of it. The temp file sits in the same directory so the rename cannot cross file systems.
 */
export function writeAtomically(absPath: string, text: string, original: SourceText): void {
  // Write through a symlink to its target, so the link itself stays a link.
  let target = absPath;
  try {
    target = realpathSync(absPath);
  } catch {
    // A file that does not exist yet is written where asked.
  }
  const temp = join(dirname(target), `.${basename(target)}.deprecfix-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const content = original.bom && !text.startsWith(BOM) ? BOM + text : text;
  let created = false;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    created = true;
    try {
      writeSync(fd, content, null, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, original.mode);
    renameSync(temp, target);
  } catch (error) {
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // Already gone (the rename may have happened); nothing else to clean.
      }
    }
    throw new Error(`Could not write ${absPath}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Makes the bare `\n` of inserted code match a CRLF file. `\r\n` already in the text is left alone, so normalizing
 * twice changes nothing; an LF file is never touched (a stray `\r\n` the author left there stays theirs).
 */
export function normalizeEol(text: string, eol: SourceText['eol']): string {
  return eol === '\r\n' ? text.replace(/(?<!\r)\n/g, '\r\n') : text;
}

/** A git-style unified diff (`a/`, `b/` prefixes, 3 lines of context) for `--dry-run`; empty when nothing changed. */
export function unifiedDiff(relPath: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${relPath}`, `b/${relPath}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
