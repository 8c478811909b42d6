/** `rules/project/python-target.ts`: the lowest Python version a project declares, read from its files. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  declaredPythonRequirement,
  lowestAdmittedVersion,
  lowestListedVersion,
  pythonTargetVersion,
  pythonVersionAtLeast,
  ruffTargetVersion,
  setupCfgPythonRequires,
  setupPyPythonRequires,
} from '../rules/project/python-target.js';
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

describe('setupPyPythonRequires (read as text, never run)', () => {
  it.each([
    ['setup(name="x", python_requires=">=3.9")\n', '>=3.9'],
    ["setup(\n    name='x',\n    python_requires = '>=3.8, <4',\n)\n", '>=3.8, <4'],
    ['setup(**{"name": "x", "python_requires": "~=3.10"})\n', '~=3.10'],
    ['# python_requires=">=2.7"\nsetup(name="x", python_requires=">=3.11")\n', '>=3.11'],
  ])('%j → %s', (text, requirement) => {
    expect(setupPyPythonRequires(text)).toBe(requirement);
  });

  it.each([
    ['setup(name="x")\n'],
    ['setup(name="x", python_requires=PYTHON_REQUIRES)\n'],
    ['# setup(python_requires=">=3.9")\nsetup(name="x")\n'],
  ])('%j declares nothing readable', (text) => {
    expect(setupPyPythonRequires(text)).toBeUndefined();
  });
});

describe('setupCfgPythonRequires', () => {
  it.each([
    ['[metadata]\nname = x\n\n[options]\npackages = find:\npython_requires = >=3.9\n', '>=3.9'],
    ['[options]\npython_requires: >=3.10, <4\n', '>=3.10, <4'],
    ['[options]\npython-requires = ~=3.11\n', '~=3.11'],
    ['[OPTIONS]\nPython_Requires = >=3.8\n', undefined], // section names are case-sensitive; [OPTIONS] is another section
    ['[metadata]\npython_requires = >=3.9\n', undefined], // only [options] counts
    ['[options]\n# python_requires = >=3.9\n', undefined],
    ['[options]\n; python_requires = >=3.9\npython_requires = >=3.12\n', '>=3.12'],
  ])('%j → %s', (text, requirement) => {
    expect(setupCfgPythonRequires(text)).toBe(requirement);
  });
});

describe('ruffTargetVersion', () => {
  it.each([
    ['target-version = "py311"\n', false, '3.11'],
    ['line-length = 100\ntarget-version = "py38"\n', false, '3.8'],
    ['target-version = "py314"\n', false, '3.14'],
    ['[project]\nname = "x"\n\n[tool.ruff]\ntarget-version = "py312"\n', true, '3.12'],
    ['[tool.ruff]\nline-length = 100\n', true, undefined],
    ['target-version = "py311"\n', true, undefined], // in pyproject.toml only [tool.ruff] is ruff's
    ['target-version = "latest"\n', false, undefined],
    ['target-version = \n', false, undefined], // invalid TOML
  ])('%j (pyproject: %s) → %s', (text, inPyproject, version) => {
    expect(ruffTargetVersion(text, inPyproject)).toBe(version);
  });
});

describe('pythonTargetVersion', () => {
  it.each([
    ['setup.py python_requires', { 'setup.py': 'from setuptools import setup\nsetup(name="x", python_requires=">=3.9")\n' }, '3.9'],
    ['setup.cfg [options] python_requires', { 'setup.cfg': '[options]\npython_requires = >=3.10\n' }, '3.10'],
    ['ruff.toml target-version', { 'ruff.toml': 'target-version = "py311"\n' }, '3.11'],
    ['.ruff.toml target-version', { '.ruff.toml': 'target-version = "py312"\n' }, '3.12'],
    ['[tool.ruff] target-version', { 'pyproject.toml': '[tool.ruff]\ntarget-version = "py311"\n' }, '3.11'],
    // The declared minimum support is the truth of what the code must run on; ruff's target is what the linter assumes.
    ['requires-python over [tool.ruff] in one file', { 'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n\n[tool.ruff]\ntarget-version = "py312"\n' }, '3.9'],
    ['setup.py over ruff.toml', { 'setup.py': 'setup(python_requires=">=3.8")\n', 'ruff.toml': 'target-version = "py311"\n' }, '3.8'],
    ['setup.cfg over ruff.toml', { 'setup.cfg': '[options]\npython_requires = >=3.9\n', 'ruff.toml': 'target-version = "py311"\n' }, '3.9'],
    ['requires-python over setup.cfg and setup.py', { 'pyproject.toml': '[project]\nrequires-python = ">=3.11"\n', 'setup.cfg': '[options]\npython_requires = >=3.9\n', 'setup.py': 'setup(python_requires=">=3.8")\n' }, '3.11'],
    ['setup.cfg over setup.py', { 'setup.cfg': '[options]\npython_requires = >=3.10\n', 'setup.py': 'setup(python_requires=">=3.8")\n' }, '3.10'],
    ['ruff over .python-version', { 'ruff.toml': 'target-version = "py310"\n', '.python-version': '3.12.4\n' }, '3.10'],
    ['a declared floor up the tree over a nearer ruff.toml', { 'setup.py': 'setup(python_requires=">=3.9")\n', 'backend/ruff.toml': 'target-version = "py312"\n' }, '3.9'],
    ['.ruff.toml over ruff.toml over [tool.ruff] in one directory', { '.ruff.toml': 'target-version = "py312"\n', 'ruff.toml': 'target-version = "py311"\n', 'pyproject.toml': '[tool.ruff]\ntarget-version = "py310"\n' }, '3.12'],
    ['setup.py without a literal falls through to ruff', { 'setup.py': 'setup(python_requires=REQUIRES)\n', 'ruff.toml': 'target-version = "py311"\n' }, '3.11'],
  ])('reads %s', (_name, files, version) => {
    const repo = repoWith({ ...files, 'backend/x.py': '' });
    expect(pythonTargetVersion(path.join(repo, 'backend'), repo)).toBe(version);
  });


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
