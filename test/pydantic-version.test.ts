/**
 * The pydantic version gate (`rules/project/pydantic-version.ts`): every source a Python project pins pydantic in, their
 * precedence, the gate status, and the per-file cache the rule uses — on temporary directories.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearPydanticVersionCache,
  pydanticFromSetting,
  pydanticGateForFile,
  pydanticGateStatus,
  pydanticVersionNote,
  resolvePydanticVersion,
  semverRangeOf,
} from '../rules/project/pydantic-version.js';
import { tempDir } from './helpers.js';

function project(files: Record<string, string>): string {
  const dir = tempDir('deprecfix-pydantic-version-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const statusOf = (files: Record<string, string>, from = '.') => {
  const dir = project(files);
  return pydanticGateStatus(resolvePydanticVersion(path.join(dir, from), dir));
};

describe('resolvePydanticVersion: sources', () => {
  it.each([
    ['requirements.txt pin', { 'requirements.txt': 'fastapi==0.110\npydantic==2.6.4  # api models\n' }, { version: '2.6.4' }],
    ['requirements with extras and a marker', { 'requirements.txt': 'pydantic[email]>=2.0,<3 ; python_version >= "3.8"\n' }, { specifier: '>=2.0,<3' }],
    ['requirements-dev.txt', { 'requirements-dev.txt': 'Pydantic ~= 2.5\n' }, { specifier: '~= 2.5' }],
    ['requirements/ folder', { 'requirements/base.txt': 'pydantic==1.10.13\n' }, { version: '1.10.13' }],
    ['-r include', { 'requirements.txt': '-r requirements/common.txt\n', 'requirements/common.txt': 'pydantic==2.1.0\n' }, { version: '2.1.0' }],
    ['PEP 621 dependencies', { 'pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi", "pydantic>=2.4"]\n' }, { specifier: '>=2.4' }],
    ['PEP 621 optional dependencies', { 'pyproject.toml': '[project]\nname = "api"\n[project.optional-dependencies]\nmodels = ["pydantic<2"]\n' }, { specifier: '<2' }],
    ['PEP 735 dependency groups', { 'pyproject.toml': '[dependency-groups]\ndev = ["pydantic==2.7.1"]\n' }, { version: '2.7.1' }],
    ['poetry string', { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\npydantic = "^1.10"\n' }, { specifier: '^1.10' }],
    ['poetry table', { 'pyproject.toml': '[tool.poetry.dependencies]\npydantic = { version = "^2.5", extras = ["email"] }\n' }, { specifier: '^2.5' }],
    ['poetry group', { 'pyproject.toml': '[tool.poetry.group.dev.dependencies]\npydantic = "2.5.3"\n' }, { specifier: '2.5.3' }],
    ['poetry.lock', { 'poetry.lock': '[[package]]\nname = "pydantic"\nversion = "2.5.3"\n\n[[package]]\nname = "pydantic-core"\nversion = "2.14.6"\n' }, { version: '2.5.3' }],
    ['uv.lock', { 'uv.lock': 'version = 1\n\n[[package]]\nname = "pydantic"\nversion = "1.10.17"\nsource = { registry = "https://pypi.org/simple" }\n' }, { version: '1.10.17' }],
    ['Pipfile.lock', { 'Pipfile.lock': JSON.stringify({ _meta: {}, default: { pydantic: { version: '==2.6.0' } }, develop: {} }) }, { version: '2.6.0' }],
    ['.venv dist-info', { '.venv/lib/python3.12/site-packages/pydantic-2.8.2.dist-info/METADATA': 'Metadata-Version: 2.3\nName: pydantic\nVersion: 2.8.2\n' }, { version: '2.8.2' }],
    ['venv version.py', { 'venv/lib/python3.9/site-packages/pydantic/version.py': "__all__ = 'VERSION',\n\nVERSION = '1.10.13'\n" }, { version: '1.10.13' }],
    ['Windows virtualenv', { '.venv/Lib/site-packages/pydantic-2.4.0.dist-info/METADATA': 'Name: pydantic\nVersion: 2.4.0\n' }, { version: '2.4.0' }],
  ])('%s', (_name, files, expected) => {
    const dir = project(files as Record<string, string>);
    expect(resolvePydanticVersion(dir, dir)).toMatchObject(expected);
  });

  it('does not take pydantic-core, pydantic-settings or a comment for pydantic', () => {
    const dir = project({ 'requirements.txt': 'pydantic-core==2.14.6\npydantic_settings==2.1.0\n# pydantic==1.10\n' });
    expect(resolvePydanticVersion(dir, dir)).toBeUndefined();
  });

  it('an installed copy beats the lock file, which beats the requirements', () => {
    const dir = project({
      '.venv/lib/python3.12/site-packages/pydantic-2.8.2.dist-info/METADATA': 'Version: 2.8.2\n',
      'poetry.lock': '[[package]]\nname = "pydantic"\nversion = "2.5.3"\n',
      'requirements.txt': 'pydantic==1.10.13\n',
    });
    expect(resolvePydanticVersion(dir, dir)?.version).toBe('2.8.2');
    const locked = project({ 'poetry.lock': '[[package]]\nname = "pydantic"\nversion = "2.5.3"\n', 'requirements.txt': 'pydantic==1.10.13\n' });
    expect(resolvePydanticVersion(locked, locked)?.version).toBe('2.5.3');
  });

  it('a requirements pin beats a pyproject range', () => {
    const dir = project({ 'pyproject.toml': '[project]\ndependencies = ["pydantic>=1.10"]\n', 'requirements.txt': 'pydantic==2.6.4\n' });
    expect(resolvePydanticVersion(dir, dir)).toMatchObject({ version: '2.6.4' });
  });

  it('walks up from the file to the stop directory, and no further', () => {
    const dir = project({ 'requirements.txt': 'pydantic==2.6.4\n', 'backend/api/main.py': '' });
    expect(resolvePydanticVersion(path.join(dir, 'backend', 'api'), dir)?.version).toBe('2.6.4');
    expect(resolvePydanticVersion(path.join(dir, 'backend', 'api'), path.join(dir, 'backend'))).toBeUndefined();
  });

  it('a nested project answers for its own files (monorepo)', () => {
    const dir = project({ 'requirements.txt': 'pydantic==1.10.13\n', 'services/new/requirements.txt': 'pydantic==2.6.4\n' });
    expect(resolvePydanticVersion(path.join(dir, 'services', 'new'), dir)?.version).toBe('2.6.4');
    expect(resolvePydanticVersion(path.join(dir, 'services'), dir)?.version).toBe('1.10.13');
  });

  it('several locked resolutions become alternatives', () => {
    const dir = project({ 'uv.lock': '[[package]]\nname = "pydantic"\nversion = "1.10.17"\n\n[[package]]\nname = "pydantic"\nversion = "2.8.2"\n' });
    expect(resolvePydanticVersion(dir, dir)).toMatchObject({ specifier: '==1.10.17 || ==2.8.2' });
    expect(pydanticGateStatus(resolvePydanticVersion(dir, dir))).toBe('unknown');
  });

  it('an unreadable lock file is no information', () => {
    const dir = project({ 'poetry.lock': '[[package]\nname =', 'requirements.txt': 'pydantic==2.6.4\n' });
    expect(resolvePydanticVersion(dir, dir)?.version).toBe('2.6.4');
  });
});

describe('pydanticGateStatus', () => {
  it.each([
    [{ 'requirements.txt': 'pydantic==2.0\n' }, 'available'],
    [{ 'requirements.txt': 'pydantic==2.0b3\n' }, 'available'],
    [{ 'requirements.txt': 'pydantic==1.10.13\n' }, 'below'],
    [{ 'requirements.txt': 'pydantic>=2,<3\n' }, 'available'],
    [{ 'requirements.txt': 'pydantic~=2.5\n' }, 'available'],
    [{ 'requirements.txt': 'pydantic==2.*\n' }, 'available'],
    [{ 'requirements.txt': 'pydantic<2\n' }, 'below'],
    [{ 'requirements.txt': 'pydantic~=1.10\n' }, 'below'],
    [{ 'requirements.txt': 'pydantic>=1.10\n' }, 'unknown'],
    [{ 'requirements.txt': 'pydantic\n' }, 'unknown'],
    [{ 'requirements.txt': 'pydantic @ git+https://github.com/pydantic/pydantic\n' }, 'unknown'],
    [{ 'requirements.txt': 'pydantic>=1.10,!=2.0.0\n' }, 'unknown'],
    [{ 'pyproject.toml': '[tool.poetry.dependencies]\npydantic = "^2.5"\n' }, 'available'],
    [{ 'pyproject.toml': '[tool.poetry.dependencies]\npydantic = "^1.10"\n' }, 'below'],
    [{ 'pyproject.toml': '[tool.poetry.dependencies]\npydantic = "*"\n' }, 'unknown'],
    [{}, 'unknown'],
  ])('%j → %s', (files, status) => {
    expect(statusOf(files)).toBe(status);
  });

  it('reads settings values: versions and specifiers', () => {
    expect(pydanticGateStatus(pydanticFromSetting('2.5.0'))).toBe('available');
    expect(pydanticGateStatus(pydanticFromSetting('1.10.13'))).toBe('below');
    expect(pydanticGateStatus(pydanticFromSetting('>=2'))).toBe('available');
    expect(pydanticGateStatus(pydanticFromSetting('not a version'))).toBe('unknown');
  });
});

describe('semverRangeOf', () => {
  it.each([
    ['>=2.4,<3', '>=2.4.0 <3.0.0'],
    ['~=2.5', '>=2.5.0 <3.0.0'],
    ['~=2.5.1', '>=2.5.1 <2.6.0'],
    ['==2.*', '2.x'],
    ['^2.5', '^2.5'],
    ['~2.5', '~2.5'],
    ['2.5.3', '2.5.3'],
    ['>=1.10,!=1.10.2', '>=1.10.0'],
    ['*', '*'],
    ['==1.10.17 || ==2.8.2', '1.10.17 || 2.8.2'],
  ])('%s → %s', (specifier, range) => {
    expect(semverRangeOf(specifier)).toBe(range);
  });

  it('refuses what it cannot read', () => {
    expect(semverRangeOf('~=2')).toBeUndefined();
    expect(semverRangeOf('>=two')).toBeUndefined();
  });
});

describe('pydanticGateForFile', () => {
  beforeEach(() => clearPydanticVersionCache());

  it('settings.deprecfix.python.pydantic wins; null means unknown', () => {
    const dir = project({ 'requirements.txt': 'pydantic==1.10.13\n' });
    const context = (pydantic: unknown) => ({ settings: { deprecfix: { python: { pydantic } } }, cwd: dir, filename: path.join(dir, 'app.py') });
    expect(pydanticGateForFile(context('2.6.0')).status).toBe('available');
    expect(pydanticGateForFile(context(null)).status).toBe('unknown');
    expect(pydanticGateForFile({ settings: {}, cwd: dir, filename: 'app.py' }).status).toBe('below');
  });

  it('resolves once per directory until the cache is cleared', () => {
    const dir = project({ 'requirements.txt': 'pydantic==1.10.13\n' });
    const context = { settings: {}, cwd: dir, filename: path.join(dir, 'app.py') };
    expect(pydanticGateForFile(context).status).toBe('below');
    writeFileSync(path.join(dir, 'requirements.txt'), 'pydantic==2.6.4\n');
    expect(pydanticGateForFile(context).status).toBe('below');
    clearPydanticVersionCache();
    expect(pydanticGateForFile(context).status).toBe('available');
  });

  it('stops at the cwd when the file is inside it', () => {
    const outer = project({ 'requirements.txt': 'pydantic==2.6.4\n', 'repo/app.py': '' });
    const repo = path.join(outer, 'repo');
    expect(pydanticGateForFile({ settings: {}, cwd: repo, filename: path.join(repo, 'app.py') }).status).toBe('unknown');
  });
});

describe('pydanticVersionNote', () => {
  it('says what was found and how to enable the rewrites', () => {
    const dir = project({ 'pyproject.toml': '[project]\ndependencies = ["pydantic>=1.10"]\n' });
    const note = pydanticVersionNote(3, dir, dir);
    expect(note).toContain('only the requirement ">=1.10" in pyproject.toml');
    expect(note).toContain('3 findings');
    expect(pydanticVersionNote(1, project({}), dir)).toContain('no installed pydantic');
  });
});
