/**
 * Which encoding a source file is in, decoded strictly so that a rewrite never turns a byte it could not read into
 * U+FFFD (issue 11). TypeScript and JavaScript are UTF-8. Python is UTF-8 unless a PEP 263 declaration on line 1 or 2
 * names another encoding; deprecfix rewrites in that encoding only when Node can write it back byte for byte
 * (latin-1 and ASCII), and skips the file otherwise.
 */

/** The encodings a file is rewritten in, as Node's Buffer names them. */
export type SourceEncoding = 'utf8' | 'latin1' | 'ascii';

export class EncodingError extends Error {
  override name = 'EncodingError';
}

/**
 * Python's rule (tokenize.detect_encoding): a `coding[:=]name` comment on line 1, or on line 2 when line 1 is blank
 * or a comment. Returns the declared name, lower-cased, or undefined.
 */
export function declaredPythonEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII by definition; latin-1 decoding never fails and keeps byte offsets.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const [first = '', second = ''] = head.split(/\r\n|\r|\n/, 2);
  const coding = (line: string) => /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line)?.[1].toLowerCase();
  return coding(first) ?? (/^[ \t\f]*(#|$)/.test(first) ? coding(second) : undefined);
}

/** Python's codec names and aliases for the encodings Node writes losslessly. */
function nodeEncodingFor(declared: string): SourceEncoding | undefined {
  const name = declared.replace(/_/g, '-');
  if (/^utf-?8(-.*)?$/.test(name)) return 'utf8';
  if (/^(latin-?1|iso-?8859-1|iso-latin-1|l1|cp819|8859|iso-ir-100|ibm819|csisolatin1)(-.*)?$/.test(name)) return 'latin1';
  if (/^(ascii|us-ascii|646|iso646-us|ansi-x3\.4-1968|cp367|ibm367|csascii)$/.test(name)) return 'ascii';
  return undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The file's text, or an EncodingError saying why it cannot be rewritten safely. */
export function decodeSource(bytes: Uint8Array, python: boolean): { text: string; encoding: SourceEncoding } {
  const declared = python ? declaredPythonEncoding(bytes) : undefined;
  const encoding = declared === undefined ? 'utf8' : nodeEncodingFor(declared);
  if (encoding === undefined) {
    throw new EncodingError(`declared encoding '${declared}' is not supported (only UTF-8, latin-1 and ASCII are rewritten)`);
  }
  if (encoding === 'latin1') return { text: Buffer.from(bytes).toString('latin1'), encoding };
  if (encoding === 'ascii' && bytes.some((byte) => byte > 0x7f)) throw new EncodingError('not valid ASCII, its declared encoding');
  try {
    return { text: UTF8.decode(bytes), encoding };
  } catch {
    const hint = python && declared === undefined ? ' (add a PEP 263 coding declaration, e.g. `# -*- coding: latin-1 -*-`, if that is what it is)' : '';
    throw new EncodingError(`not valid UTF-8${hint}`);
  }
}

/** The bytes to write; an EncodingError when the text holds a character the file's encoding cannot represent. */
export function encodeSource(text: string, encoding: SourceEncoding): Uint8Array {
  const unencodable = encoding === 'latin1' ? /[^\0-\xFF]/u.exec(text) : encoding === 'ascii' ? /[^\0-\x7F]/u.exec(text) : null;
  if (unencodable) {
    throw new EncodingError(`the rewrite needs ${JSON.stringify(unencodable[0])}, which ${encoding === 'latin1' ? 'latin-1' : 'ASCII'} cannot encode; file left unchanged`);
  }
  return Buffer.from(text, encoding);
}
