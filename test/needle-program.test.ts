/**
 * Issue 16: a run pays for the files that can hold a finding. The lint program starts from the needle files, the
 * type-check judges an importer only when the rewrite changed what it sees, and neither loses a finding or a
 * diagnostic for it. (That the prefilter itself drops no finding, run both ways over every fixture and the generated
 * repositories, is test/needle-prefilter.test.ts, with `prefilter: false`.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedFaces, declarationFace } from '../src/declaration-face.js';
import { findingFilter } from '../src/lint.js';
import { lintScope } from '../src/lint-scope.js';
import { mayDeclareGlobals, programRoots } from '../src/program-roots.js';
import { createTypeCheck } from '../src/type-check.js';
import { tempDir, writeFiles } from './helpers.js';

const config = { rules: {}, python: {} };
const repoWith = (files: Record<string, string>): string => writeFiles(tempDir(), files);

describe('the lint program starts from the needle files', () => {
  it('holds the needle files and what they import, not the other scoped files', () => {
    const repo = repoWith({
      'src/year.ts': "import { label } from './label';\nexport const year = new Date().getYear() + label;\n",
      'src/label.ts': "export const label = 'x';\n",
      'src/other.ts': 'export const other = 1;\n',
    });
    const { project, first } = lintScope(repo, ['src/year.ts', 'src/label.ts', 'src/other.ts'], { config });
    const inProgram = project
      .program()
      .getSourceFiles()
      .map((sourceFile) => path.relative(repo, sourceFile.fileName))
      .filter((file) => file.startsWith('src/'));
    expect(inProgram.sort()).toEqual(['src/label.ts', 'src/year.ts']);
    expect(first.findings.map((finding) => finding.kind)).toEqual(['annexb-getyear']);
  });

  it('keeps a scoped script that declares a global, so the types the rules prove stay the same', () => {
    // `stamp` is a moment-like object, declared by a script nothing imports: proven no Date, so no finding. Without
    // the script in the program it would be an unknown type and reported as `unresolved-type`.
    const repo = repoWith({
      'src/globals.ts': 'interface Moment {\n  toISOString(): string;\n  format(): string;\n}\ndeclare const stamp: Moment;\n',
      'src/use.ts': 'export const local = new Date(stamp.toISOString().slice(0, -1));\n',
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' }, include: [] }),
    });
    const { first } = lintScope(repo, ['src/globals.ts', 'src/use.ts'], { config });
    expect(first.findings).toEqual([]);
    const alone = lintScope(repo, ['src/use.ts'], { config });
    expect(alone.first.findings.map((finding) => [finding.kind, finding.reason])).toEqual([['naive-iso-parse', expect.stringContaining('type')]]);
  });

  it('roots every file with `prefilter: false`, so every file can be linted with the program', () => {
    const repo = repoWith({ 'src/year.ts': 'export const year = new Date().getYear();\n', 'src/other.ts': 'export const other = 1;\n' });
    const { project, first } = lintScope(repo, ['src/year.ts', 'src/other.ts'], { config, prefilter: false });
    expect(project.program().getSourceFiles().some((sourceFile) => sourceFile.fileName.endsWith('src/other.ts'))).toBe(true);
    expect(first.failures).toEqual([]);
  });

  it('lints and roots the files that hold a needle word of the run', () => {
    const repo = repoWith({ 'src/a.ts': 'export const legacyHelper = 1;\n', 'src/b.ts': 'export const b = 2;\n' });
    const { project } = lintScope(repo, ['src/a.ts', 'src/b.ts'], { config, needles: { 'deprecated-helper': ['legacyHelper'] } });
    expect(project.program().getSourceFiles().some((sourceFile) => sourceFile.fileName.endsWith('src/a.ts'))).toBe(true);
    expect(project.program().getSourceFiles().some((sourceFile) => sourceFile.fileName.endsWith('src/b.ts'))).toBe(false);
    expect(findingFilter(['no-deprecated-helper'], { 'deprecated-helper': ['a.b(c)'] })('x a.b(c) y')).toBe(true);
    expect(findingFilter(['no-deprecated-helper'], { 'deprecated-helper': ['a.b(c)'] })('x aXb(c) y')).toBe(false);
  });

  it("reads an out-of-scope file that names a deprecated method or its replacement (a subclass there may override it), not one that names a function helper's", () => {
    const repo = repoWith({
      'src/lib/time.ts':
        'export function nowUtc(): Date {\n  return new Date();\n}\n/** @deprecated Use {@link nowUtc} instead. */\nexport function utcnow(): Date {\n  return nowUtc();\n}\n' +
        'export class Task {\n  toPlain(): object {\n    return {};\n  }\n  /** @deprecated Use {@link Task.toPlain} instead. */\n  toDict(): object {\n    return this.toPlain();\n  }\n}\n',
      'src/api/main.ts': "import { Task, utcnow } from '../lib/time';\nexport const at = [utcnow(), new Task().toDict()];\n",
      'src/other/clock.ts': "// Formats what nowUtc() returns.\nexport const clock = 'utcnow';\n",
      'src/other/audited.ts': "import { Task } from '../lib/time';\nexport class Audited extends Task {\n  override toPlain(): object {\n    return { audited: true };\n  }\n}\n",
    });
    const { project } = lintScope(repo, ['src/api/main.ts'], { config });
    const roots = project.program().getRootFileNames().map((root) => path.relative(repo, root));
    expect(roots).toContain('src/other/audited.ts');
    expect(roots).not.toContain('src/other/clock.ts');
  });

  it.each([
    ['a module', 'src/a.ts', "import { a } from './b';\nexport const c = a;\n", false],
    ['a script', 'src/a.ts', 'const shared = 1;\n', true],
    ['a module with `declare global`', 'src/a.ts', 'export {};\ndeclare global {\n  var x: number;\n}\n', true],
    ['a module augmentation', 'src/a.ts', "import 'm';\ndeclare module 'm' {\n  interface X {}\n}\n", true],
    ['a triple-slash reference', 'src/a.ts', '/// <reference types="node" />\nexport const a = 1;\n', true],
    ['a file with only a dynamic import', 'src/a.ts', "const m = import('./m');\n", true],
    ['a CommonJS JavaScript file', 'src/a.js', "const fs = require('fs');\nmodule.exports = fs;\n", false],
    ['a JavaScript script', 'src/a.js', 'var shared = 1;\n', true],
  ])('%s may declare globals: %s', (_name, file, text, expected) => {
    expect(mayDeclareGlobals(file, text)).toBe(expected);
    expect(programRoots([{ absPath: file, text }], () => false)).toEqual(expected ? [file] : []);
  });
});

describe('what importers see of a rewritten file (declarationFace)', () => {
  const before = [
    "import { plainToClass } from 'class-transformer';",
    "import { Dto } from './dto';",
    '',
    'export class Mapper {',
    '  toDto(raw: unknown): Dto {',
    '    return plainToClass(Dto, raw);',
    '  }',
    '}',
    '',
  ].join('\n');
  const renamed = before.replaceAll('plainToClass', 'plainToInstance');

  it('is unchanged by a rename inside an annotated method and its import', () => {
    expect(changedFaces([{ fileName: 'src/mapper.ts', before, after: renamed }])).toEqual([]);
  });

  it('changes when a body decides a type: an unannotated function returns what its body returns', () => {
    const inferred = before.replace('toDto(raw: unknown): Dto {', 'toDto(raw: unknown) {');
    expect(changedFaces([{ fileName: 'src/mapper.ts', before: inferred, after: inferred.replaceAll('plainToClass', 'plainToInstance') }])).toEqual(['src/mapper.ts']);
  });

  it('changes when an import binding the face names now binds another export', () => {
    const aliased = "import { plainToClass as convert } from 'class-transformer';\nexport const toDto = convert;\n";
    expect(changedFaces([{ fileName: 'src/a.ts', before: aliased, after: aliased.replace('plainToClass', 'plainToInstance') }])).toEqual(['src/a.ts']);
  });

  it('changes when an import moves to another module (it may augment others), or a decorator or initializer changes', () => {
    const subpath = "import { plainToClass } from 'class-transformer/ClassTransformer';\nexport function f(): void {\n  plainToClass;\n}\n";
    expect(changedFaces([{ fileName: 'src/a.ts', before: subpath, after: subpath.replace("'class-transformer/ClassTransformer'", "'class-transformer'") }])).toEqual(['src/a.ts']);
    const decorated = "import { TransformClassToPlain } from 'class-transformer';\nexport class A {\n  @TransformClassToPlain()\n  m(): void {}\n}\n";
    expect(changedFaces([{ fileName: 'src/a.ts', before: decorated, after: decorated.replaceAll('TransformClassToPlain', 'TransformInstanceToPlain') }])).toEqual(['src/a.ts']);
  });

  it('proves nothing for JavaScript, whose bodies declare members (`this.x = …`)', () => {
    expect(declarationFace('src/a.js', 'export function f() {}\n')).toBeUndefined();
    expect(changedFaces([{ fileName: 'src/a.js', before: 'x;\n', after: 'x;\n' }])).toEqual(['src/a.js']);
  });
});

describe('the type-check judges an importer only when the rewrite changed what it sees', () => {
  const dto = "export class Dto {\n  id = 1;\n}\n";
  const mapper = (name: string, annotated: boolean) =>
    `import { ${name} } from 'class-transformer';\nimport { Dto } from './dto';\n\nexport function toDto(raw: unknown)${annotated ? ': Dto' : ''} {\n  return ${name}(Dto, raw);\n}\n`;
  const typeCheckOf = (annotated: boolean) => {
    const repo = repoWith({
      'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version: '0.5.1', types: 'index.d.ts' }),
      'node_modules/class-transformer/index.d.ts': 'export declare function plainToClass(cls: unknown, plain: unknown): any;\nexport declare function plainToInstance<T>(cls: new () => T, plain: unknown): T;\n',
      'src/dto.ts': dto,
      'src/mapper.ts': mapper('plainToInstance', annotated),
      'src/use.ts': "import { toDto } from './mapper';\nexport const id: number = toDto({}).id;\n",
    });
    const files = new Map(['src/dto.ts', 'src/mapper.ts', 'src/use.ts'].map((file) => [file, { absPath: path.join(repo, file), text: readFileSync(path.join(repo, file), 'utf8') }]));
    return createTypeCheck({ repoRoot: repo, files, originals: new Map([['src/mapper.ts', mapper('plainToClass', annotated)]]) });
  };

  it('judges the rewritten file alone when its declarations are unchanged', () => {
    expect(typeCheckOf(true).files()).toEqual(['src/mapper.ts']);
  });

  it('judges the importers when the rewrite can change an exported type', () => {
    expect(typeCheckOf(false).files()).toEqual(['src/mapper.ts', 'src/use.ts']);
  });
});
