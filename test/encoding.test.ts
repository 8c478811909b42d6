import { describe, expect, it } from 'vitest';
import { declaredPythonEncoding, decodeSource, encodeSource, EncodingError } from '../src/encoding.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('declaredPythonEncoding (PEP 263)', () => {
  it.each([
    { source: '# -*- coding: latin-1 -*-\nx = 1\n', declared: 'latin-1' },
    { source: '#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\n', declared: 'iso-8859-1' },
    { source: '\n# coding=UTF-8\n', declared: 'utf-8' },
    { source: 'x = 1\n# coding: latin-1\n', declared: undefined }, // line 2 counts only after a blank or comment line
    { source: 'x = 1\n', declared: undefined },
    { source: 'x = 1\ny = 2\n# coding: latin-1\n', declared: undefined },
  ])('$source → $declared', ({ source, declared }) => {
    expect(declaredPythonEncoding(bytes(source))).toBe(declared);
  });
});

describe('decodeSource', () => {
  it('reads UTF-8 and refuses anything else in TypeScript', () => {
    expect(decodeSource(Buffer.from('const s = "naïve";\n'), false)).toEqual({ text: 'const s = "naïve";\n', encoding: 'utf8' });
    expect(() => decodeSource(bytes('const s = "naïve";\n'), false)).toThrow(new EncodingError('not valid UTF-8'));
  });

  it('reads a Python file in its declared latin-1, ASCII or UTF-8, and refuses an encoding it cannot write back', () => {
    expect(decodeSource(bytes('# coding: latin-1\ns = "naïve"\n'), true)).toEqual({ text: '# coding: latin-1\ns = "naïve"\n', encoding: 'latin1' });
    expect(decodeSource(bytes('# coding: ascii\ns = 1\n'), true).encoding).toBe('ascii');
    expect(() => decodeSource(bytes('# coding: ascii\ns = "naïve"\n'), true)).toThrow('not valid ASCII');
    expect(() => decodeSource(bytes('# coding: cp1252\ns = "naïve"\n'), true)).toThrow("declared encoding 'cp1252' is not supported");
    expect(() => decodeSource(bytes('s = "naïve"\n'), true)).toThrow('not valid UTF-8 (add a PEP 263 coding declaration');
  });
});

describe('encodeSource', () => {
  it('writes latin-1 byte for byte and refuses a character latin-1 lacks', () => {
    expect(encodeSource('s = "naïve"\n', 'latin1')).toEqual(bytes('s = "naïve"\n'));
    expect(() => encodeSource('s = "→"\n', 'latin1')).toThrow('"→", which latin-1 cannot encode');
    expect(() => encodeSource('s = "é"\n', 'ascii')).toThrow('which ASCII cannot encode');
    expect(encodeSource('s = "→"\n', 'utf8')).toEqual(Buffer.from('s = "→"\n'));
  });
});
