/**
 * Repairs (issue 10 item 4): rewrites that turn code failing on the installed library version into working code
 * are graded `repair`, not `safe`, and each finding says what fails without it, with the installed version.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles, type Finding } from '../src/lint.js';
import { isSelected } from '../src/plan.js';
import { makeFinding, tempDir, writeFiles } from './helpers.js';

const PYDANTIC = '2.13.4';

function lintRepo(files: Record<string, string>, pydantic = PYDANTIC): Finding[] {
  const repo = writeFiles(tempDir(), files);
  const inputs = Object.entries(files)
    .filter(([file]) => /\.(?:ts|py)$/.test(file))
    .map(([file, text]) => ({ file, absPath: `${repo}/${file}`, text }));
  return lintFiles(inputs, { repoRoot: repo, config: { rules: {}, python: { pydantic } } }).findings;
}

describe('repairs', () => {
  it('grades a date-fns-tz 3 rename as a repair naming the installed version', () => {
    const [finding] = lintRepo({
      'node_modules/date-fns-tz/package.json': JSON.stringify({ name: 'date-fns-tz', version: '3.2.0' }),
      'src/time.ts': "import { zonedTimeToUtc } from 'date-fns-tz';\nexport const t = zonedTimeToUtc(new Date(0), 'UTC');\n",
    });
    expect(finding).toMatchObject({ kind: 'date-fns-tz-rename', fix: 'repair', repairs: expect.stringContaining('date-fns-tz 3.2.0 no longer has `zonedTimeToUtc`') });
    expect(finding.message).not.toContain('(repair:');
  });

  it('grades a class-transformer rename as a repair on 0.4.1–0.5.0, which shipped without the old names, and safe on 0.5.1', () => {
    const files = (version: string) => ({
      'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version }),
      'src/dto.ts': "import { plainToClass, serialize } from 'class-transformer';\nexport const dto = serialize(plainToClass(Object, {}));\n",
    });
    const graded = (version: string) => lintRepo(files(version)).map((finding) => [finding.message.split('`')[1], finding.fix, finding.repairs]);
    expect(graded('0.5.0')).toEqual([
      ['serialize', 'safe', undefined],
      ['plainToClass', 'repair', 'class-transformer 0.5.0 does not export `plainToClass` (the import is undefined, so the call raises TypeError)'],
    ]);
    expect(graded('0.5.1').map(([, fix]) => fix)).toEqual(['safe', 'safe']);
  });

  it('grades classToClass and the old decorators as repairs on every version from 0.4.1, which never exported them again', () => {
    const files = (version: string) => ({
      'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version }),
      'src/dto.ts':
        "import { classToClass, plainToClass, TransformClassToPlain } from 'class-transformer';\n" +
        'export class Report {\n  @TransformClassToPlain()\n  summary() {\n    return this;\n  }\n}\n' +
        'export const copy = classToClass(plainToClass(Report, {}));\n',
    });
    const graded = (version: string) => lintRepo(files(version)).filter((finding) => finding.line > 1).map((finding) => [finding.message.split('`')[1], finding.fix, finding.repairs]);
    expect(graded('0.5.1')).toEqual([
      ['TransformClassToPlain', 'repair', 'class-transformer 0.5.1 does not export `TransformClassToPlain` (the import is undefined, so the call raises TypeError)'],
      ['classToClass', 'repair', 'class-transformer 0.5.1 does not export `classToClass` (the import is undefined, so the call raises TypeError)'],
      ['plainToClass', 'safe', undefined],
    ]);
    expect(graded('0.4.1').map(([name, fix]) => `${name} ${fix}`)).toEqual(['TransformClassToPlain repair', 'classToClass repair', 'plainToClass repair']);
  });

  it('grades moving a flat subpath import to the package root as a repair where the installed package has no such module', () => {
    const files = (version: string) => ({
      'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version }),
      'src/dto.ts': "import { Expose } from 'class-transformer/decorators';\nexport class Dto {\n  @Expose() name = '';\n}\n",
    });
    const graded = (version: string) => lintRepo(files(version)).map((finding) => [finding.fix, finding.repairs]);
    expect(graded('0.5.1')).toEqual([['repair', 'class-transformer 0.5.1 has no module `class-transformer/decorators` (its files moved under cjs/ and esm*/: the import fails with MODULE_NOT_FOUND)']]);
    // a range: the installed layout is not known
    expect(lintRepo({ ...files('0.5.1'), 'node_modules/class-transformer/package.json': '{}', 'package.json': JSON.stringify({ dependencies: { 'class-transformer': '^0.5.1' } }) }).map((finding) => finding.fix)).toEqual(['safe']);
  });

  it('grades dict(skip_defaults=…) as a repair (TypeError on pydantic 2) and a plain dict() as safe', () => {
    const findings = lintRepo({
      'app.py': 'from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    id: int\n\n\ndef show(u: User):\n    return u.dict(skip_defaults=True), u.dict(), u.json(skip_defaults=True)\n',
    });
    expect(findings.map((finding) => [finding.fix, finding.repairs])).toEqual([
      ['repair', `raises TypeError on pydantic ${PYDANTIC} (\`dict()\` no longer takes \`skip_defaults\`)`],
      ['safe', undefined],
      ['repair', `raises TypeError on pydantic ${PYDANTIC} (\`json()\` no longer takes \`skip_defaults\`)`],
    ]);
  });

  it('grades from_orm() as a repair unless the config sets from_attributes (v1 orm_mode is ignored by pydantic 2)', () => {
    const findings = lintRepo({
      'app.py': [
        'from pydantic import BaseModel, ConfigDict',
        '',
        '',
        'class Legacy(BaseModel):',
        '    id: int',
        '',
        '    class Config:',
        '        orm_mode = True',
        '',
        '',
        'class Plain(BaseModel):',
        '    id: int',
        '',
        '',
        'class Modern(BaseModel):',
        '    model_config = ConfigDict(from_attributes=True)',
        '    id: int',
        '',
        '',
        'a = Legacy.from_orm(row)',
        'b = Plain.from_orm(row)',
        'c = Modern.from_orm(row)',
        '',
      ].join('\n'),
    });
    const calls = findings.filter((finding) => finding.kind === 'pydantic-v1-method');
    expect(calls.map((finding) => [finding.line, finding.fix])).toEqual([
      [20, 'repair'],
      [21, 'repair'],
      [22, 'safe'],
    ]);
    expect(calls[0].repairs).toBe(`raises PydanticUserError on pydantic ${PYDANTIC} (\`from_orm()\` needs \`from_attributes=True\`; pydantic 2 ignores v1's \`orm_mode\`)`);
    expect(calls[1].repairs).toBe(`raises PydanticUserError on pydantic ${PYDANTIC} (\`from_orm()\` needs \`from_attributes=True\` in the config)`);
  });

  it('selects repairs by default and holds them with --no-repairs', () => {
    const repair = makeFinding('a.py', 1, { fix: 'repair', repairs: 'raises' });
    expect(isSelected(repair, false)).toBe(true);
    expect(isSelected(repair, false, false)).toBe(false);
    expect(isSelected(makeFinding('a.py', 1, { fix: 'safe' }), false, false)).toBe(true);
  });
});
