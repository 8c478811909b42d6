import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-utcnow-date.js';
import { DATE_FNS_TZ } from '../../transforms/rewrite/date-fns-tz.js';
import { tempDir, writeFiles } from '../helpers.js';
import { CURRENT_VERSIONS, ruleTesterIn, typedRuleTester, untypedRuleTester, versionSettings } from './rule-tester.js';

const versions = (version: string | null) => versionSettings({ 'date-fns-tz': version });

typedRuleTester.run('no-utcnow-date: date-fns-tz', rule, {
  valid: [
    "import { fromZonedTime, toZonedTime } from 'date-fns-tz';\ntoZonedTime(fromZonedTime(new Date(0), 'UTC'), 'UTC');",
    "import { fromZonedTime } from 'date-fns-tz/fromZonedTime';\nfromZonedTime(new Date(0), 'UTC');",
    "import { format } from 'date-fns-tz/format';\nformat(new Date(0), 'yyyy');",
    'function zonedTimeToUtc(date: Date) { return date; }\nzonedTimeToUtc(new Date(0));',
    "import { zonedTimeToUtc } from 'date-fns-tz';\nexport const f = (zonedTimeToUtc: (d: Date) => Date) => zonedTimeToUtc(new Date(0));",
    "import { zonedTimeToUtc } from './dates';\nzonedTimeToUtc(new Date(0));",
    // date-fns-tz 2.x has only the old names.
    { code: "import { zonedTimeToUtc } from 'date-fns-tz';\nzonedTimeToUtc(new Date(0), 'UTC');", settings: versions('2.0.0') },
    { code: "import utcToZonedTime from 'date-fns-tz/utcToZonedTime';\nutcToZonedTime(new Date(0), 'UTC');", settings: versions('^2.0.1') },
  ],
  invalid: [
    {
      code: "import { zonedTimeToUtc, utcToZonedTime } from 'date-fns-tz';\nutcToZonedTime(zonedTimeToUtc(new Date(0), 'UTC'), 'UTC');",
      output: "import { fromZonedTime, toZonedTime } from 'date-fns-tz';\ntoZonedTime(fromZonedTime(new Date(0), 'UTC'), 'UTC');",
      errors: [
        { messageId: 'date-fns-tz-rename', line: 2, column: 1, data: { name: 'utcToZonedTime', replacement: 'toZonedTime', repairs: `date-fns-tz 3.2.0 no longer has \`utcToZonedTime\` (the import is undefined or fails to resolve, so the code raises)` } },
        { messageId: 'date-fns-tz-rename', line: 2, column: 16, data: { name: 'zonedTimeToUtc', replacement: 'fromZonedTime', repairs: `date-fns-tz 3.2.0 no longer has \`zonedTimeToUtc\` (the import is undefined or fails to resolve, so the code raises)` } },
      ],
    },
    {
      // Only a range is known: the repair names it.
      code: "import { zonedTimeToUtc } from 'date-fns-tz';\nzonedTimeToUtc(new Date(0), 'UTC');",
      output: "import { fromZonedTime } from 'date-fns-tz';\nfromZonedTime(new Date(0), 'UTC');",
      settings: versions('^3.0.0'),
      errors: [{ messageId: 'date-fns-tz-rename', data: { name: 'zonedTimeToUtc', replacement: 'fromZonedTime', repairs: `date-fns-tz ^3.0.0 no longer has \`zonedTimeToUtc\` (the import is undefined or fails to resolve, so the code raises)` } }],
    },
    {
      code: "import { zonedTimeToUtc as toUtc } from 'date-fns-tz';\ntoUtc(new Date(0), 'UTC');",
      output: "import { fromZonedTime as toUtc } from 'date-fns-tz';\ntoUtc(new Date(0), 'UTC');",
      errors: [{ messageId: 'date-fns-tz-rename' }],
    },
    {
      code: "import * as tz from 'date-fns-tz';\ntz.zonedTimeToUtc(new Date(0), 'UTC');\ntz['utcToZonedTime'](new Date(0), 'UTC');",
      output: "import * as tz from 'date-fns-tz';\ntz.fromZonedTime(new Date(0), 'UTC');\ntz['toZonedTime'](new Date(0), 'UTC');",
      errors: [{ messageId: 'date-fns-tz-rename' }, { messageId: 'date-fns-tz-rename' }],
    },
    {
      // The 2.x subpath module was the function itself; 3.x exports it by name from the renamed subpath.
      code: "import zonedTimeToUtc from 'date-fns-tz/zonedTimeToUtc';\nimport toZoned from 'date-fns-tz/utcToZonedTime/index.js';\nzonedTimeToUtc(toZoned(new Date(0), 'UTC'), 'UTC');",
      output: "import { fromZonedTime } from 'date-fns-tz/fromZonedTime';\nimport { toZonedTime as toZoned } from 'date-fns-tz/toZonedTime';\nfromZonedTime(toZoned(new Date(0), 'UTC'), 'UTC');",
      errors: [
        { messageId: 'date-fns-tz-rename', line: 1, data: { name: 'date-fns-tz/zonedTimeToUtc', replacement: 'date-fns-tz/fromZonedTime', repairs: `date-fns-tz 3.2.0 no longer has \`date-fns-tz/zonedTimeToUtc\` (the import is undefined or fails to resolve, so the code raises)` } },
        { messageId: 'date-fns-tz-rename', line: 2 },
        { messageId: 'date-fns-tz-rename', line: 3, column: 1 },
        { messageId: 'date-fns-tz-rename', line: 3, column: 16 },
      ],
    },
    {
      // The new name is taken here: the default import keeps its local name as an alias.
      code: "import zonedTimeToUtc from 'date-fns-tz/zonedTimeToUtc';\nconst fromZonedTime = 1;\nzonedTimeToUtc(new Date(fromZonedTime), 'UTC');",
      output: "import { fromZonedTime as zonedTimeToUtc } from 'date-fns-tz/fromZonedTime';\nconst fromZonedTime = 1;\nzonedTimeToUtc(new Date(fromZonedTime), 'UTC');",
      errors: [{ messageId: 'date-fns-tz-rename' }, { messageId: 'date-fns-tz-rename' }],
    },
    {
      code: "import { utcToZonedTimeWithOptions, zonedTimeToUtc } from 'date-fns-tz/fp';\nutcToZonedTimeWithOptions({})('UTC');\nzonedTimeToUtc('UTC');",
      output: "import { toZonedTimeWithOptions, fromZonedTime } from 'date-fns-tz/fp';\ntoZonedTimeWithOptions({})('UTC');\nfromZonedTime('UTC');",
      errors: [{ messageId: 'date-fns-tz-rename' }, { messageId: 'date-fns-tz-rename' }],
    },
    {
      code: "import * as tz from 'date-fns-tz/zonedTimeToUtc';\ntz.default(new Date(0), 'UTC');",
      output: null,
      errors: [{ messageId: 'date-fns-tz-rename/unsupported-form' }],
    },
    {
      code: "export { default as zonedTimeToUtc } from 'date-fns-tz/zonedTimeToUtc';\nexport { utcToZonedTime } from 'date-fns-tz';",
      output: null,
      errors: [{ messageId: 'date-fns-tz-rename/reexport', line: 1 }, { messageId: 'date-fns-tz-rename/reexport', line: 2 }],
    },
    {
      // Re-exported under another name: the module's API is `toZ`, so only the imported name changes.
      code: "export { utcToZonedTime as toZ } from 'date-fns-tz';",
      output: "export { toZonedTime as toZ } from 'date-fns-tz';",
      errors: [{ messageId: 'date-fns-tz-rename', data: { name: 'utcToZonedTime', replacement: 'toZonedTime', repairs: `date-fns-tz 3.2.0 no longer has \`utcToZonedTime\` (the import is undefined or fails to resolve, so the code raises)` } }],
    },
    {
      // Re-exported under its own name: the binding has to keep it, so its other references cannot be renamed.
      code: "import { zonedTimeToUtc } from 'date-fns-tz';\nexport { zonedTimeToUtc };\nzonedTimeToUtc(new Date(0), 'UTC');",
      output: null,
      errors: [{ messageId: 'date-fns-tz-rename/reexport', line: 2 }, { messageId: 'date-fns-tz-rename/partial-reference', line: 3 }],
    },
    {
      code: "import 'date-fns-tz/zonedTimeToUtc';",
      output: null,
      errors: [{ messageId: 'date-fns-tz-rename/unsupported-form' }],
    },
    {
      code: "import { zonedTimeToUtc } from 'date-fns-tz';\nconst fromZonedTime = 0;\nzonedTimeToUtc(new Date(fromZonedTime), 'UTC');",
      output: null,
      errors: [{ messageId: 'date-fns-tz-rename/name-conflict' }],
    },
    {
      code: "import * as tz from 'date-fns-tz';\nvi.spyOn(tz, 'zonedTimeToUtc');\ntz.zonedTimeToUtc(new Date(0), 'UTC');\ntz.utcToZonedTime(new Date(0), 'UTC');",
      output: "import * as tz from 'date-fns-tz';\nvi.spyOn(tz, 'zonedTimeToUtc');\ntz.zonedTimeToUtc(new Date(0), 'UTC');\ntz.toZonedTime(new Date(0), 'UTC');",
      errors: [
        { messageId: 'date-fns-tz-rename/string-reference', line: 2 },
        { messageId: 'date-fns-tz-rename/string-reference', line: 3 },
        { messageId: 'date-fns-tz-rename', line: 4 },
      ],
    },
    {
      // A mock factory key names the export like a spy does; the other export is still renamed.
      code: "import { zonedTimeToUtc, utcToZonedTime } from 'date-fns-tz';\njest.mock('date-fns-tz', () => ({ zonedTimeToUtc: jest.fn() }));\nzonedTimeToUtc(new Date(0), 'UTC');\nutcToZonedTime(new Date(0), 'UTC');",
      output: "import { zonedTimeToUtc, toZonedTime } from 'date-fns-tz';\njest.mock('date-fns-tz', () => ({ zonedTimeToUtc: jest.fn() }));\nzonedTimeToUtc(new Date(0), 'UTC');\ntoZonedTime(new Date(0), 'UTC');",
      errors: [
        { messageId: 'date-fns-tz-rename/string-reference', line: 2 },
        { messageId: 'date-fns-tz-rename/string-reference', line: 3 },
        { messageId: 'date-fns-tz-rename', line: 4 },
      ],
    },
    {
      code: "import { zonedTimeToUtc } from 'date-fns-tz';\nzonedTimeToUtc(new Date(0), 'UTC');",
      output: null,
      settings: versions(null),
      errors: [{ messageId: 'date-fns-tz-rename/version-unknown' }],
    },
    {
      code: "import { zonedTimeToUtc } from 'date-fns-tz';\nzonedTimeToUtc(new Date(0), 'UTC');",
      output: "import { fromZonedTime } from 'date-fns-tz';\nfromZonedTime(new Date(0), 'UTC');",
      settings: versions('>=3.0.0'),
      errors: [{ messageId: 'date-fns-tz-rename' }],
    },
  ],
});

// JavaScript (the typed tester's project service does not serve `file.js`): require forms.
untypedRuleTester.run('no-utcnow-date: date-fns-tz (untyped, JavaScript)', rule, {
  valid: [],
  invalid: [
    {
      filename: 'file.js',
      code: "const zonedTimeToUtc = require('date-fns-tz/zonedTimeToUtc');\nconst toZoned = require('date-fns-tz/utcToZonedTime');\nconst { utcToZonedTime } = require('date-fns-tz');\nzonedTimeToUtc(toZoned(utcToZonedTime(0, 'UTC'), 'UTC'), 'UTC');",
      output: "const { fromZonedTime } = require('date-fns-tz/fromZonedTime');\nconst { toZonedTime: toZoned } = require('date-fns-tz/toZonedTime');\nconst { toZonedTime } = require('date-fns-tz');\nfromZonedTime(toZoned(toZonedTime(0, 'UTC'), 'UTC'), 'UTC');",
      errors: 5,
    },
    {
      filename: 'file.js',
      code: "require('date-fns-tz/zonedTimeToUtc')(0, 'UTC');",
      output: null,
      errors: [{ messageId: 'date-fns-tz-rename/unsupported-form' }],
    },
  ],
});

// Spies in other files (issue 10.1): two specs spy on `zonedTimeToUtc`; one mocks the replacement `toZonedTime`.
const spyRepo = writeFiles(tempDir(), {
  'package.json': JSON.stringify({ name: 'app' }),
  'test/a.spec.ts': "import * as tz from 'date-fns-tz';\n\nvi.spyOn(tz, 'zonedTimeToUtc');\n",
  'test/b.spec.ts': "const tz = require('date-fns-tz');\nsinon.stub(tz, 'zonedTimeToUtc');\n",
  'test/c.spec.ts': "vi.mock('date-fns-tz', () => ({ toZonedTime: vi.fn() }));\n",
  'src/clock.ts': "import { zonedTimeToUtc, utcToZonedTime } from 'date-fns-tz';\nzonedTimeToUtc(new Date(0), 'UTC');\nutcToZonedTime(new Date(0), 'UTC');\n",
});
const spiedData = (spiedName: string, spiedAt: string, name: string, replacement: string) => ({ name, replacement, spiedName, spiedAt });
const clock = "import { zonedTimeToUtc, utcToZonedTime } from 'date-fns-tz';\nzonedTimeToUtc(new Date(0), 'UTC');\nutcToZonedTime(new Date(0), 'UTC');\n";

ruleTesterIn(spyRepo).run('no-utcnow-date: date-fns-tz spied on in other files', rule, {
  valid: [],
  invalid: [
    {
      // Plain ESLint: both held, each naming its first spy.
      code: clock,
      filename: 'src/clock.ts',
      output: null,
      errors: [
        { messageId: 'date-fns-tz-rename/spied', line: 2, data: spiedData('zonedTimeToUtc', 'test/a.spec.ts:3 (+1 more)', 'zonedTimeToUtc', 'fromZonedTime') },
        { messageId: 'date-fns-tz-rename/spied', line: 3, data: spiedData('toZonedTime', 'test/c.spec.ts:1', 'utcToZonedTime', 'toZonedTime') },
      ],
    },
    {
      // Every file rewritten together: `zonedTimeToUtc` moves with its spies; `utcToZonedTime` stays held, since the
      // mock of its replacement would start seeing these calls.
      code: clock,
      filename: 'src/clock.ts',
      output: "import { fromZonedTime, utcToZonedTime } from 'date-fns-tz';\nfromZonedTime(new Date(0), 'UTC');\nutcToZonedTime(new Date(0), 'UTC');\n",
      errors: [
        { messageId: 'date-fns-tz-rename', line: 2 },
        { messageId: 'date-fns-tz-rename/spied', line: 3, data: spiedData('toZonedTime', 'test/c.spec.ts:1', 'utcToZonedTime', 'toZonedTime') },
      ],
      settings: { deprecfix: { versions: CURRENT_VERSIONS, rewriteSet: ['src/clock.ts', 'test/a.spec.ts', 'test/b.spec.ts', 'test/c.spec.ts'] } },
    },
    {
      // One spec outside the rewrite set: held.
      code: clock,
      filename: 'src/clock.ts',
      output: null,
      errors: [{ messageId: 'date-fns-tz-rename/spied', line: 2 }, { messageId: 'date-fns-tz-rename/spied', line: 3 }],
      settings: { deprecfix: { versions: CURRENT_VERSIONS, rewriteSet: ['src/clock.ts', 'test/a.spec.ts', 'test/c.spec.ts'] } },
    },
  ],
});

describe('date-fns-tz subpaths', () => {
  // Targets checked against the `exports` map of date-fns-tz 3.2.0.
  it.each([
    ['date-fns-tz/zonedTimeToUtc', { module: 'date-fns-tz/fromZonedTime', defaultExport: 'fromZonedTime' }],
    ['date-fns-tz/utcToZonedTime/index', { module: 'date-fns-tz/toZonedTime', defaultExport: 'toZonedTime' }],
    ['date-fns-tz/fp/zonedTimeToUtcWithOptions', { module: 'date-fns-tz/fp/fromZonedTimeWithOptions', defaultExport: 'fromZonedTimeWithOptions' }],
    ['date-fns-tz/fp/utcToZonedTime/index.js', { module: 'date-fns-tz/fp/toZonedTime', defaultExport: 'toZonedTime' }],
    ['date-fns-tz/esm/zonedTimeToUtc/index.js', { module: 'date-fns-tz', defaultExport: 'fromZonedTime' }],
    ['date-fns-tz/esm/fp/utcToZonedTimeWithOptions/index.js', { module: 'date-fns-tz/fp', defaultExport: 'toZonedTimeWithOptions' }],
    ['date-fns-tz/format', undefined],
    ['date-fns-tz/fp', undefined],
    ['date-fns-tz', undefined],
  ])('%s → %o', (module, expected) => {
    expect(DATE_FNS_TZ.moveSubpath(module)).toEqual(expected);
  });
});
