/** The transform for ts-morph users: the CLI's rewriters on a ts-morph SourceFile, types from its project. */
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { transformSourceFile } from '../src/index.js';
import type { Site } from '../transforms/edit.js';

function siteOf(text: string, kind: Site['kind'], snippet: string): Site {
  const start = text.indexOf(snippet);
  return { kind, start, end: start + snippet.length };
}

describe('transformSourceFile (ts-morph)', () => {
  it('rewrites the given sites and leaves comments and other code alone', () => {
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, lib: ['lib.es2022.d.ts'] } });
    const text = [
      'export function stamp(when: Date): string {',
      '  // keep this comment',
      '  return when.toGMTString() + ` ${when.getYear()}`;',
      '}',
      '',
    ].join('\n');
    const sourceFile = project.createSourceFile('/src/stamp.ts', text);
    const result = transformSourceFile(sourceFile, [
      siteOf(text, 'annexb-togmtstring', 'when.toGMTString()'),
      siteOf(text, 'annexb-getyear', 'when.getYear()'),
    ]);
    expect(result.text).toBe(text.replace('when.toGMTString()', 'when.toUTCString()').replace('when.getYear()', 'when.getFullYear() - 1900'));
    expect(result.rewritten).toHaveLength(2);
    expect(result.skipped).toEqual([]);
  });

  it('skips a site whose kind has no rewrite, with the reason', () => {
    const project = new Project({ useInMemoryFileSystem: true });
    const text = "import { parse } from 'node:url';\nexport const host = parse('http://x').host;\n";
    const sourceFile = project.createSourceFile('/src/url.ts', text);
    const result = transformSourceFile(sourceFile, [siteOf(text, 'legacy-url-parse', "parse('http://x')")]);
    expect(result.text).toBe(text);
    expect(result.skipped.map((skip) => skip.reason)).toEqual(['no rewrite exists for this kind']);
  });
});
