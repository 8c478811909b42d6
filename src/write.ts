import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { decodeSource, encodeSource, type SourceEncoding } from './encoding.js';
import { isPythonFile } from './languages.js';

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
  /** What the bytes are written in: UTF-8, or a Python file's declared latin-1/ASCII. */
  encoding: SourceEncoding;
  /** SHA-1 of the bytes as read: the write phase checks the file still has them before replacing it. */
  digest: string;
}

const BOM = '\uFEFF';

/** Reads and strictly decodes a source file; throws an EncodingError for bytes it could not write back unchanged. */
export function readSource(absPath: string): SourceText {
  const bytes = readFileSync(absPath);
  const { text: raw, encoding } = decodeSource(bytes, isPythonFile(absPath));
  const bom = raw.startsWith(BOM);
  const text = bom ? raw.slice(BOM.length) : raw;
  return { text, bom, eol: dominantEol(text), mode: statSync(absPath).mode & 0o7777, encoding, digest: digestOf(bytes) };
}

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function dominantEol(text: string): SourceText['eol'] {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Replaces the file in one step: a reader (an editor, a watcher, a concurrent build) sees the old file or the new
 * one, never half of it. The temp file sits in the same directory so the rename cannot cross file systems.
 * `beforeRename` may throw to abandon the write at the last moment (the temp file is removed).
 */
export function writeAtomically(
  absPath: string,
  text: string,
  original: Partial<SourceText> & Pick<SourceText, 'bom' | 'mode'>,
  beforeRename?: () => void,
): void {
  // Write through a symlink to its target, so the link itself stays a link.
  let target = absPath;
  try {
    target = realpathSync(absPath);
  } catch {
    // A file that does not exist yet is written where asked.
  }
  const temp = join(dirname(target), `.${basename(target)}.deprecfix-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const content = encodeSource(original.bom && !text.startsWith(BOM) ? BOM + text : text, original.encoding ?? 'utf8');
  let created = false;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    created = true;
    try {
      // writeFileSync loops until every byte is written; a single write(2) may write fewer (a size limit, a full
      // disk) and the rename would then replace the file with a truncated copy.
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, original.mode);
    beforeRename?.();
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
