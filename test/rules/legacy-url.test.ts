import rule from '../../rules/no-legacy-serialization.js';
import { typedRuleTester, untypedRuleTester } from './rule-tester.js';

const finding = (line: number, column?: number) => ({ messageId: 'legacy-url-parse', line, ...(column === undefined ? {} : { column }) });

typedRuleTester.run('no-legacy-serialization: url.parse', rule, {
  valid: [
    "new URL('https://example.com/a?b=1');",
    "import { URL, fileURLToPath } from 'node:url';\nfileURLToPath(new URL('file:///tmp/a'));",
    'function parse(value: string) { return value; }\nparse("https://example.com");',
    "import path from 'node:path';\npath.parse('/tmp/a.txt');",
    "import querystring from 'node:querystring';\nquerystring.parse('a=1');",
    "import url from 'url';\nexport function f(url: { parse(s: string): unknown }) { return url.parse('x'); }",
    "const url = { parse: (value: string) => value };\nurl.parse('x');",
  ],
  invalid: [
    {
      code: "import url from 'url';\nurl.parse('https://example.com');",
      output: null,
      errors: [finding(2, 1)],
    },
    {
      code: "import * as nodeUrl from 'node:url';\nconst parsed = nodeUrl.parse('https://example.com', true);",
      output: null,
      errors: [finding(2, 16)],
    },
    {
      code: "import { parse, parse as parseUrl } from 'url';\nparse('a');\nparseUrl('b');\nexport const keep = parse;",
      output: null,
      errors: [finding(2), finding(3), finding(4, 21)],
    },
    {
      code: "import url = require('url');\nurl.parse('a');",
      output: null,
      errors: [finding(2)],
    },
    {
      code: "export { parse } from 'node:url';",
      output: null,
      errors: [finding(1)],
    },
  ],
});

untypedRuleTester.run('no-legacy-serialization: url.parse (untyped, JavaScript)', rule, {
  valid: [],
  invalid: [
    {
      filename: 'file.js',
      code: "const url = require('url');\nconst { parse: parseUrl } = require('node:url');\nurl.parse('a');\nparseUrl('b');\nrequire('url').parse('c');",
      output: null,
      errors: [finding(3), finding(4), finding(5)],
    },
  ],
});
