/** `src/python-project.ts`: the lowest Python version a project declares, read from its files. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  declaredPythonRequirement,
  lowestAdmittedVersion,
  lowestListedVersion,
  pythonTargetVersion,
  pythonVersionAtLeast,
} from '../src/python-project.js';
import { tempDir, writeFiles } from './helpers.js';

const repoWith = (files: Record<string, string>): string => writeFiles(tempDir('deprecfix-python-project-'), files);

describe('lowestAdmittedVersion', () => {
  it.each([
    // PEP 440 (requires-python)
    ['>=3.11', '3.11'],
    ['>= 3.11', '3.11'],
    ['>=3.9,<4', '3.9'],
    ['>=3.10, <3.13', '3.10'],
    ['>3.10', '3.10'], // 3.10.1 is admitted
    ['~=3.10', '3.10'],
    ['~=3.11.2', '3.11'],
    ['==3.12.*', '3.12'],
    ['==3.12', '3.12'],
    ['===3.11', '3.11'],
    ['>=3.9,!=3.9.*', '3.10'],
    ['>=3.9,!=3.9.*,!=3.10.*', '3.11'],
    ['>=3.9,!=3.9.0', '3.9'],
    ['>=3', '3.0'],
    ['<=3.11,>=3.11', '3.11'],
    ['>=3.11,<3.11.5', '3.11'],
    // Poetry
    ['^3.11', '3.11'],
    ['~3.10', '3.10'],
    ['>=3.9 <4.0', '3.9'],
    ['3.11.*', '3.11'],
    ['^3.9 || ^3.11', '3.9'],
    // A setting
    ['3.11', '3.11'],
    ['3.12.1', '3.12'],
  ])('%s → %s', (requirement, lowest) => {
    expect(lowestAdmittedVersion(requirement)).toBe(lowest);
  });

  it.each([['<4'], ['*'], ['!=3.9.*'], [''], ['>=3.11,<3.11'], ['>=3.12,<3.11'], ['^3.11 || *'], ['latest']])('%j has no lowest version', (requirement) => {
    expect(lowestAdmittedVersion(requirement)).toBeUndefined();
  });
});

describe('lowestListedVersion (.python-version)', () => {
  it.each([
    ['3.12.4\n', '3.12'],
    ['3.11\n', '3.11'],
    ['  3.13.0  \n', '3.13'],
    ['# pyenv\n3.12.1\n3.10.14\n', '3.10'],
    ['cpython-3.12.2-linux-x86_64-gnu\n', '3.12'],
  ])('%j → %s', (text, version) => {
    expect(lowestListedVersion(text)).toBe(version);
  });

  it.each([['system\n'], ['pypy3.10-7.3.12\n'], [''], ['3.12\nsystem\n']])('%j is unknown', (text) => {
    expect(lowestListedVersion(text)).toBeUndefined();
  });
});

describe('declaredPythonRequirement', () => {
  it('reads [project] requires-python before [tool.poetry.dependencies] python', () => {
    expect(declaredPythonRequirement('[project]\nrequires-python = ">=3.11"\n[tool.poetry.dependencies]\npython = "^3.9"\n')).toBe('>=3.11');
    expect(declaredPythonRequirement('[tool.poetry.dependencies]\npython = "^3.9"\nfastapi = "^0.110"\n')).toBe('^3.9');
    expect(declaredPythonRequirement('[tool.poetry.dependencies]\npython = { version = "^3.12" }\n')).toBe('^3.12');
  });

  it('is undefined without the fields, without the file, or for invalid TOML', () => {
    expect(declaredPythonRequirement('[project]\nname = "x"\n')).toBeUndefined();
    expect(declaredPythonRequirement(undefined)).toBeUndefined();
    expect(declaredPythonRequirement('[project\nrequires-python = ">=3.11"')).toBeUndefined();
  });
});

describe('pythonTargetVersion', () => {
  it('reads requires-python of the nearest pyproject.toml', () => {
    const repo = repoWith({
      'pyproject.toml': '[project]\nname = "root"\nrequires-python = ">=3.9"\n',
      'services/api/pyproject.toml': '[project]\nname = "api"\nrequires-python = ">=3.12"\n',
      'services/api/app/main.py': '',
    });
    expect(pythonTargetVersion(path.join(repo, 'services/api/app'), repo)).toBe('3.12');
    expect(pythonTargetVersion(path.join(repo, 'services'), repo)).toBe('3.9');
  });

  it('reads Poetry’s python dependency', () => {
    const repo = repoWith({ 'pyproject.toml': '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.11"\n' });
    expect(pythonTargetVersion(repo, repo)).toBe('3.11');
  });

  it('skips a pyproject.toml that declares no Python (a tool-only file) and keeps walking up', () => {
    const repo = repoWith({
      'pyproject.toml': '[project]\nrequires-python = ">=3.10"\n',
      'backend/pyproject.toml': '[tool.ruff]\nline-length = 100\n',
    });
    expect(pythonTargetVersion(path.join(repo, 'backend'), repo)).toBe('3.10');
  });

  it('prefers a declared floor anywhere up the tree over a nearer .python-version', () => {
    const repo = repoWith({
      'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n',
      'backend/.python-version': '3.12.4\n',
    });
    expect(pythonTargetVersion(path.join(repo, 'backend'), repo)).toBe('3.9');
  });

  it('falls back to .python-version', () => {
    const repo = repoWith({ '.python-version': '3.12.4\n', 'backend/x.py': '' });
    expect(pythonTargetVersion(path.join(repo, 'backend'), repo)).toBe('3.12');
  });

  it('is undefined when nothing declares a version', () => {
    const repo = repoWith({ 'backend/x.py': '', 'requirements.txt': 'fastapi==0.110.0\n' });
    expect(pythonTargetVersion(path.join(repo, 'backend'), repo)).toBeUndefined();
  });

  it('does not look above stopDir', () => {
    const outer = repoWith({ 'pyproject.toml': '[project]\nrequires-python = ">=3.12"\n', 'repo/backend/x.py': '' });
    const repo = path.join(outer, 'repo');
    expect(pythonTargetVersion(path.join(repo, 'backend'), repo)).toBeUndefined();
    expect(pythonTargetVersion(path.join(repo, 'backend'))).toBe('3.12');
  });
});

describe('pythonVersionAtLeast', () => {
  it.each([
    ['3.11', true],
    ['3.12.1', true],
    ['>=3.11', true],
    ['4.0', true],
    ['3.10', false],
    ['3.9', false],
    ['>=3.10', false],
    ['garbage', false],
    [undefined, false],
  ])('%s ≥ 3.11: %s', (version, expected) => {
    expect(pythonVersionAtLeast(version, '3.11')).toBe(expected);
  });
});
