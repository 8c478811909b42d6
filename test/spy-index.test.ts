/** The repository index of spied library exports (`rules/util/spies.ts`), on its own. */
import { describe, expect, it } from 'vitest';
import { halfRenamedSpies, spyIndexFor, summarizeSpies } from '../rules/util/spies.js';
import { testDoublesIn } from '../rules/util/spy-syntax.js';
import { gitCommitAll, tempDir, writeFiles } from './helpers.js';

const spiesIn = (text: string, file = 'test/a.spec.ts') => summarizeSpies(file, text).spies.map((spy) => `${spy.library}:${spy.name}@${spy.line}`);
const referencesIn = (text: string) => summarizeSpies('src/a.ts', text).references.map((reference) => reference.replace('\0', ':')).sort();

describe('summarizeSpies', () => {
  it.each([
    ['jest.spyOn on a namespace import', "import * as ct from 'class-transformer';\njest.spyOn(ct, 'plainToClass');", ['class-transformer:plainToClass@2']],
    ['vi.spyOn on import-equals', "import tz = require('date-fns-tz');\nvi.spyOn(tz, 'zonedTimeToUtc');", ['date-fns-tz:zonedTimeToUtc@2']],
    ['sinon.stub on a require', "const ct = require('class-transformer');\nsinon.stub(ct, 'classToPlain');", ['class-transformer:classToPlain@2']],
    ['a sandbox stub on an inline require', "sandbox.stub(require('class-transformer'), 'classToPlain');", ['class-transformer:classToPlain@1']],
    ['a spy before the require it uses', "beforeEach(() => sinon.spy(ct, 'plainToClass'));\nconst ct = require('class-transformer');", ['class-transformer:plainToClass@1']],
    ['a subpath module object', "import * as ct from 'class-transformer/cjs/index';\njest.spyOn(ct, 'plainToClass');", ['class-transformer:plainToClass@2']],
    [
      'jest.mock factory keys beside a requireActual spread',
      "jest.mock('class-transformer', () => ({\n  ...jest.requireActual('class-transformer'),\n  plainToClass: jest.fn(),\n  'classToPlain': jest.fn(),\n}));",
      ['class-transformer:plainToClass@3', 'class-transformer:classToPlain@4'],
    ],
    ['vi.mock in a .js file', "vi.mock('date-fns-tz', () => ({ utcToZonedTime: vi.fn() }));", ['date-fns-tz:utcToZonedTime@1'], 'test/a.spec.js'],
    // Not spies: the object is not the module, a default import is not the module, another module is mocked.
    ['a spy on another object', "import * as ct from 'class-transformer';\njest.spyOn(service, 'plainToClass');", []],
    ['a default import', "import ct from 'class-transformer';\njest.spyOn(ct, 'plainToClass');", []],
    ['another module mocked', "import 'class-transformer';\njest.mock('./transformer', () => ({ plainToClass: jest.fn() }));", []],
    ['no library named at all (not parsed)', "jest.spyOn(ct, 'plainToClass');", []],
  ])('%s', (_name, text, expected, file?: string) => {
    expect(spiesIn(text, file)).toEqual(expected);
  });

  it('lists the exports a file references, in every import form', () => {
    const text = [
      "import { plainToClass, classToPlain as toPlain } from 'class-transformer';",
      "import * as tz from 'date-fns-tz';",
      "const { deserialize: parse } = require('class-transformer');",
      "export { classToClass } from 'class-transformer';",
      "tz.zonedTimeToUtc(new Date(), 'UTC'); tz['utcToZonedTime'];",
      'let t: tz.OptionsWithTZ;',
    ].join('\n');
    expect(referencesIn(text)).toEqual([
      'class-transformer:classToClass',
      'class-transformer:classToPlain',
      'class-transformer:deserialize',
      'class-transformer:plainToClass',
      'date-fns-tz:OptionsWithTZ',
      'date-fns-tz:utcToZonedTime',
      'date-fns-tz:zonedTimeToUtc',
    ]);
  });
});

describe('testDoublesIn: the spies and module mocks that observe a repository function', () => {
  it.each([
    ['jest.spyOn on a project namespace', "import * as time from '../src/time';\njest.spyOn(time, 'utcnow');", ['member utcnow@2']],
    ['vi.spyOn on a class prototype, a getter spy', "vi.spyOn(Task.prototype, 'toDict').mockReturnValue({});\njest.spyOn(clock, 'now', 'get');", ['member toDict@1', 'member now@2']],
    ['sinon.stub, a sandbox spy, a bare spyOn', "sinon.stub(clock, 'now');\nthis.sandbox.spy(service, 'legacyFind');\nspyOn(time, 'utcnow');", ['member now@1', 'member legacyFind@2', 'member utcnow@3']],
    ['sinon.replace, td.replace of a member, node:test mock.method', "sinon.replace(time, 'utcnow', sinon.fake());\ntd.replace(time, 'nowUtc');\nt.mock.method(time, 'utcnow');", ['member utcnow@1', 'member nowUtc@2', 'member utcnow@3']],
    ['a member name cast to satisfy the types', "jest.spyOn(time, 'utcnow' as never);", ['member utcnow@1']],
    [
      'module mocks: with a factory, an automock, a typed import(), testdouble, node:test',
      "jest.mock('../src/time', () => mockTime);\njest.mock('../src/clock');\nvi.mock(import('../src/time.js'), async (importOriginal) => ({ ...(await importOriginal()) }));\ntd.replaceEsm('../src/time.js');\nmock.module('../src/time.js', {});",
      ['module ../src/time@1', 'module ../src/clock@2', 'module ../src/time.js@3', 'module ../src/time.js@4', 'module ../src/time.js@5'],
    ],
    [
      'a mocked function configured by name (an automock, a module mock elsewhere)',
      "jest.mocked(utcnow).mockReturnValue(new Date(0));\n(time.nowUtc as jest.Mock).mockImplementation(() => 0);\nvi.mocked(time.utcnow);",
      ['member utcnow@1', 'member nowUtc@2', 'member utcnow@3'],
    ],
    // Not doubles of a repository function: the platform's members, String.prototype.replace, literals, titles.
    ['a spy on Date.now or console.log', "jest.spyOn(Date, 'now');\nvi.spyOn(console, 'log');", []],
    ['a string replace', "const label = name.replace(/utc/, 'utcnow');\n'x'.replace('x', 'nowUtc');", []],
    ['a spy on a literal', "jest.spyOn('utcnow', 'now');", []],
    ['a test title and a bare spy', "it('utcnow', () => {});\nconst spy = jest.fn();\nsinon.spy();", []],
    ['no spy word at all', 'export const utcnow = () => new Date();', []],
  ])('%s', (_name, text, expected) => {
    expect(testDoublesIn('test/a.spec.ts', text).map((double) => `${double.kind} ${double.name}@${double.line}`)).toEqual(expected);
  });
});

describe('the repository index', () => {
  const spec = "import * as ct from 'class-transformer';\njest.spyOn(ct, 'plainToClass');\n";
  const source = "import { plainToClass } from 'class-transformer';\nplainToClass(Object, {});\n";

  it('reads what git does not ignore, never node_modules, and the untracked files too', () => {
    const repo = writeFiles(tempDir(), { '.gitignore': 'dist/\n', 'src/a.ts': source });
    gitCommitAll(repo, 'initial');
    writeFiles(repo, { 'test/a.spec.ts': spec, 'test/b.spec.ts': `\n${spec}`, 'dist/a.spec.js': spec, 'node_modules/x/a.spec.ts': spec });
    const index = spyIndexFor(repo);
    expect(index.spiesOf('class-transformer', 'plainToClass')).toEqual([
      { library: 'class-transformer', name: 'plainToClass', file: 'test/a.spec.ts', line: 2 },
      { library: 'class-transformer', name: 'plainToClass', file: 'test/b.spec.ts', line: 3 },
    ]);
    expect([...index.filesReferencing('class-transformer', 'plainToClass')]).toEqual(['src/a.ts']);
    expect(index.spiesOf('class-transformer', 'classToPlain')).toEqual([]);
  });

  it('outside git, walks a project directory', () => {
    const repo = writeFiles(tempDir(), { 'package.json': '{}', 'test/a.spec.ts': spec, 'node_modules/x/a.spec.ts': spec });
    expect(spyIndexFor(repo).spiesOf('class-transformer', 'plainToClass').map((spy) => spy.file)).toEqual(['test/a.spec.ts']);
  });

  it('finds a spied export that a run would leave half renamed', () => {
    const repo = writeFiles(tempDir(), { 'package.json': '{}', 'test/a.spec.ts': spec, 'src/a.ts': source, 'src/b.ts': source });
    const renamedSpec = spec.replace("'plainToClass'", "'plainToInstance'");
    const renamedSource = source.replaceAll('plainToClass', 'plainToInstance');
    // All three renamed: consistent.
    expect(halfRenamedSpies(repo, new Map([['test/a.spec.ts', renamedSpec], ['src/a.ts', renamedSource], ['src/b.ts', renamedSource]]))).toEqual([]);
    // src/b.ts kept the old name.
    expect(halfRenamedSpies(repo, new Map([['test/a.spec.ts', renamedSpec], ['src/a.ts', renamedSource]]))).toEqual([
      { spy: expect.objectContaining({ file: 'test/a.spec.ts', line: 2 }), dropped: ['src/a.ts', 'test/a.spec.ts'], stillNamedIn: 'src/b.ts' },
    ]);
    // Nothing spied was renamed.
    expect(halfRenamedSpies(repo, new Map([['src/other.ts', 'export {};\n']]))).toEqual([]);
  });
});
