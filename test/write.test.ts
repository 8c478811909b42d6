import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEdits } from '../transforms/edit.js';
import { normalizeEol, readSource, unifiedDiff, writeAtomically } from '../src/write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deprecfix-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const isPosix = process.platform !== 'win32';

/** What the pipeline does: read, edit ranges of the BOM-less text, write back. */
function rewriteFile(path: string, from: string, to: string): void {
  const source = readSource(path);
  const start = source.text.indexOf(from);
  expect(start).toBeGreaterThanOrEqual(0);
  writeAtomically(path, applyEdits(source.text, [{ start, end: start + from.length, text: normalizeEol(to, source.eol) }]), source);
}

describe('readSource', () => {
  it.each([
    { name: 'LF', bytes: 'a\nb\n', text: 'a\nb\n', bom: false, eol: '\n' },
    { name: 'CRLF', bytes: 'a\r\nb\r\n', text: 'a\r\nb\r\n', bom: false, eol: '\r\n' },
    { name: 'BOM + CRLF', bytes: '\uFEFFa\r\nb\r\n', text: 'a\r\nb\r\n', bom: true, eol: '\r\n' },
    { name: 'mostly LF', bytes: 'a\r\nb\nc\nd\n', text: 'a\r\nb\nc\nd\n', bom: false, eol: '\n' },
    { name: 'mostly CRLF', bytes: 'a\r\nb\r\nc\n', text: 'a\r\nb\r\nc\n', bom: false, eol: '\r\n' },
    { name: 'one line, no newline', bytes: 'x', text: 'x', bom: false, eol: '\n' },
    { name: 'empty', bytes: '', text: '', bom: false, eol: '\n' },
  ])('reads $name', ({ bytes, text, bom, eol }) => {
    const path = join(dir, 'f.ts');
    writeFileSync(path, bytes);
    expect(readSource(path)).toMatchObject({ text, bom, eol });
  });

  it.runIf(isPosix)('reads the permission bits', () => {
    const path = join(dir, 'run.js');
    writeFileSync(path, '#!/usr/bin/env node\n');
    chmodSync(path, 0o755);
    expect(readSource(path).mode).toBe(0o755);
  });
});

describe('writeAtomically', () => {
  it.each([
    { name: 'LF', original: 'const a = d.toGMTString();\nmore();\n', expected: 'const a = d.toUTCString();\nmore();\n' },
    { name: 'CRLF', original: 'const a = d.toGMTString();\r\nmore();\r\n', expected: 'const a = d.toUTCString();\r\nmore();\r\n' },
    { name: 'BOM', original: '\uFEFFconst a = d.toGMTString();\nmore();\n', expected: '\uFEFFconst a = d.toUTCString();\nmore();\n' },
    { name: 'BOM + CRLF', original: '\uFEFFconst a = d.toGMTString();\r\n', expected: '\uFEFFconst a = d.toUTCString();\r\n' },
    { name: 'no final newline', original: 'more();\nconst a = d.toGMTString();', expected: 'more();\nconst a = d.toUTCString();' },
    { name: 'mixed endings', original: 'x();\r\nconst a = d.toGMTString();\ny();\r\n', expected: 'x();\r\nconst a = d.toUTCString();\ny();\r\n' },
  ])('round-trips $name byte for byte apart from the edit', ({ original, expected }) => {
    const path = join(dir, 'f.ts');
    writeFileSync(path, original);
    rewriteFile(path, 'toGMTString', 'toUTCString');
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });

  it('writes an unchanged text back identically', () => {
    const path = join(dir, 'f.ts');
    const original = '\uFEFFa\r\nb\nc';
    writeFileSync(path, original);
    const source = readSource(path);
    writeAtomically(path, source.text, source);
    expect(readFileSync(path, 'utf8')).toBe(original);
  });

  it('does not add a second BOM', () => {
    const path = join(dir, 'f.ts');
    writeFileSync(path, '\uFEFFa\n');
    const source = readSource(path);
    writeAtomically(path, `\uFEFF${source.text}`, source);
    expect(readFileSync(path, 'utf8')).toBe('\uFEFFa\n');
  });

  it('inserts lines with the file\'s CRLF endings', () => {
    const path = join(dir, 'f.ts');
    writeFileSync(path, "import { a } from 'a';\r\nuse(a);\r\n");
    rewriteFile(path, "import { a } from 'a';", "import { a } from 'a';\nimport { b } from 'b';");
    expect(readFileSync(path, 'utf8')).toBe("import { a } from 'a';\r\nimport { b } from 'b';\r\nuse(a);\r\n");
  });

  it.runIf(isPosix)('keeps the mode of an executable file', () => {
    const path = join(dir, 'run.js');
    writeFileSync(path, '#!/usr/bin/env node\nBuffer(3);\n');
    chmodSync(path, 0o755);
    rewriteFile(path, 'Buffer(3)', 'Buffer.alloc(3)');
    expect(statSync(path).mode & 0o7777).toBe(0o755);
    expect(readFileSync(path, 'utf8')).toBe('#!/usr/bin/env node\nBuffer.alloc(3);\n');
  });

  it.runIf(isPosix)('keeps a read-only-for-others mode', () => {
    const path = join(dir, 'f.ts');
    writeFileSync(path, 'x\n');
    chmodSync(path, 0o640);
    rewriteFile(path, 'x', 'y');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
  });

  it('leaves no temp file behind', () => {
    const path = join(dir, 'f.ts');
    writeFileSync(path, 'x\n');
    rewriteFile(path, 'x', 'y');
    expect(readdirSync(dir)).toEqual(['f.ts']);
  });

  it.runIf(isPosix)('writes through a symlink and keeps the link', () => {
    const target = join(dir, 'real.ts');
    const link = join(dir, 'link.ts');
    writeFileSync(target, 'x\n');
    symlinkSync(target, link);
    rewriteFile(link, 'x', 'y');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('y\n');
  });

  it('removes the temp file and names the path when the rename fails', () => {
    // A non-empty directory where the file should be: everything succeeds up to the rename.
    const path = join(dir, 'blocked.ts');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), '');
    const original = { text: 'x\n', bom: false, eol: '\n' as const, mode: 0o644 };
    expect(() => writeAtomically(path, 'y\n', original)).toThrow(`Could not write ${path}: `);
    expect(readdirSync(dir)).toEqual(['blocked.ts']);
  });

  it('names the path when the directory is missing', () => {
    const path = join(dir, 'missing', 'f.ts');
    expect(() => writeAtomically(path, 'y\n', { text: '', bom: false, eol: '\n', mode: 0o644 })).toThrow(`Could not write ${path}: `);
  });
});

describe('normalizeEol', () => {
  it.each([
    { text: 'a\nb\n', eol: '\r\n' as const, expected: 'a\r\nb\r\n' },
    { text: 'a\r\nb\nc', eol: '\r\n' as const, expected: 'a\r\nb\r\nc' },
    { text: 'a\r\nb\r\n', eol: '\r\n' as const, expected: 'a\r\nb\r\n' },
    { text: 'a\nb\n', eol: '\n' as const, expected: 'a\nb\n' },
    { text: 'a\r\nb\n', eol: '\n' as const, expected: 'a\r\nb\n' },
    { text: 'no newline', eol: '\r\n' as const, expected: 'no newline' },
  ])('normalizeEol($text, $eol)', ({ text, eol, expected }) => {
    expect(normalizeEol(text, eol)).toBe(expected);
    expect(normalizeEol(normalizeEol(text, eol), eol)).toBe(expected);
  });
});

describe('unifiedDiff', () => {
  // Seven unchanged lines between the edits: more than twice the context, so two hunks.
  const before = ['import { classToPlain } from "class-transformer";', 'a();', 'b();', 'c();', 'd();', 'e();', 'f();', 'g();', 'classToPlain(x);', ''].join('\n');
  const after = before.replaceAll('classToPlain', 'instanceToPlain');

  it('is a git-style patch with 3 lines of context', () => {
    expect(unifiedDiff('src/a.ts', before, after)).toBe(
      [
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -1,4 +1,4 @@',
        '-import { classToPlain } from "class-transformer";',
        '+import { instanceToPlain } from "class-transformer";',
        ' a();',
        ' b();',
        ' c();',
        '@@ -6,4 +6,4 @@',
        ' e();',
        ' f();',
        ' g();',
        '-classToPlain(x);',
        '+instanceToPlain(x);',
        '',
      ].join('\n'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('src/a.ts', before, before)).toBe('');
  });

  it('marks a missing final newline, which the rewrite keeps', () => {
    const diff = unifiedDiff('a.ts', 'x.toGMTString()', 'x.toUTCString()');
    expect(diff).toBe('--- a/a.ts\n+++ b/a.ts\n@@ -1,1 +1,1 @@\n-x.toGMTString()\n\\ No newline at end of file\n+x.toUTCString()\n\\ No newline at end of file\n');
  });
});
