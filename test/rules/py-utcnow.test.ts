/**
 * `deprecfix/py-utcnow`: ESLint's RuleTester tables (every kind, import form, shadowing trap, option and import
 * style), the disable comments, the Python target read from the project's files, the fixture pairs
 * `fixtures/py-utcnow/<case>/` through ESLint, and the generic helpers of `transforms/python/imports.ts`.
 */
import { Linter } from 'eslint';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import { parseMessageId } from '../../rules/kinds.js';
import rule, { clearPythonTargetCache } from '../../rules/py-utcnow.js';
import { parsePython, type PyNode } from '../../transforms/python/syntax.js';
import { applyEdits } from '../../transforms/edit.js';
import { addNameToFromImport } from '../../transforms/python/imports.js';
import { analyzeScopes } from '../../transforms/python/scopes.js';
import { packageRoot, tempDir } from '../helpers.js';
import { clearUtcnowMockCache } from '../../rules/python/utcnow-mocks.js';
import { applyFixesOnce } from './lint-helpers.js';
import { py, PythonRuleTester } from './python-tester.js';


const target = (targetVersion: string) => ({ deprecfix: { python: { targetVersion } } });

const ruleTester = new PythonRuleTester({
  plugins: { deprecfix: plugin as never },
  language: 'deprecfix/python',
  settings: target('3.9'),
} as never);

ruleTester.run('py-utcnow', rule, {
  valid: [
    { name: 'already timezone-aware', code: py`
        from datetime import datetime, timezone
        a = datetime.now(timezone.utc).replace(tzinfo=None)
        b = datetime.fromtimestamp(ts, tz=timezone.utc)
        c = Field(default_factory=lambda: datetime.now(timezone.utc))
      ` },
    { name: 'a function of the project called utcnow', code: py`
        def utcnow():
            return clock.now()
        stamp = utcnow()
      ` },
    { name: 'utcnow imported from another library', code: py`
        from arrow import utcnow
        import arrow
        a = utcnow()
        b = arrow.utcnow()
      ` },
    { name: 'a class of the project called datetime', code: py`
        class datetime:
            @staticmethod
            def utcnow():
                return 0
        datetime.utcnow()
      ` },
    { name: 'datetime imported from a module of the project', code: py`
        from app.clock import datetime
        from .compat import datetime as dt
        datetime.utcnow()
        dt.utcfromtimestamp(0)
      ` },
    { name: 'a parameter named datetime', code: py`
        from datetime import datetime
        def stamp(datetime):
            return datetime.utcnow()
        handler = lambda datetime: datetime.utcnow()
        def typed(*datetime: tuple):
            return datetime.utcnow()
        def keywords(**datetime):
            return datetime.utcnow()
      ` },
    { name: 'a local variable named datetime', code: py`
        from datetime import datetime
        def stamp():
            datetime = FakeClock()
            return datetime.utcnow()
      ` },
    { name: 'a module-level assignment to datetime', code: py`
        from datetime import datetime
        if FROZEN:
            datetime = FrozenDatetime
        stamp = datetime.utcnow()
      ` },
    { name: 'a binding made global from a function', code: py`
        from datetime import datetime
        def freeze():
            global datetime
            datetime = FrozenDatetime
        stamp = datetime.utcnow()
      ` },
    { name: 'for, with, except and walrus targets named datetime', code: py`
        from datetime import datetime
        def a(clocks):
            for datetime in clocks:
                datetime.utcnow()
        def b():
            with frozen() as datetime:
                datetime.utcnow()
        def c():
            try:
                pass
            except Exception as datetime:
                datetime.utcnow()
        def d():
            if (datetime := pick()):
                datetime.utcnow()
      ` },
    { name: 'del datetime and a match capture named datetime', code: py`
        from datetime import datetime
        def a():
            from datetime import datetime
            del datetime
            return datetime.utcnow()
        def b(value):
            match value:
                case [datetime, *_]:
                    return datetime.utcnow()
      ` },
    { name: 'a class attribute named datetime in the class body', code: py`
        from datetime import datetime
        class Model:
            datetime = FrozenDatetime
            created = datetime.utcnow()
      ` },
    { name: 'a comprehension variable named datetime', code: py`
        from datetime import datetime
        stamps = [datetime.utcnow() for datetime in clocks]
      ` },
    { name: 'a star import of another module after the import may rebind datetime', code: py`
        from datetime import datetime
        from clocks import *
        stamp = datetime.utcnow()
      ` },
    { name: 'no import of datetime at all', code: 'stamp = datetime.utcnow()\n' },
    { name: 'import only under TYPE_CHECKING', code: py`
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from datetime import datetime
        stamp = datetime.utcnow()
      ` },
    { name: 'the module itself has no utcnow', code: py`
        import datetime
        import datetime as dt
        datetime.utcnow()
        dt.utcfromtimestamp(0)
      ` },
    { name: 'the module alias rebound', code: py`
        import datetime as dt
        dt = pendulum
        dt.datetime.utcnow()
      ` },
    { name: 'the class imported both as class and module under one name', code: py`
        import datetime
        from datetime import datetime
        datetime.utcnow()
      ` },
    { name: 'other datetime methods and other receivers', code: py`
        from datetime import date, datetime
        date.today()
        datetime.now()
        self.utcnow()
        obj.datetime.utcnow()
      ` },
  ],
  invalid: [
    // --- utcnow, every import form ---
    {
      name: 'from datetime import datetime: the import is extended',
      code: py`
        from datetime import datetime

        created = datetime.utcnow()
      `,
      output: py`
        from datetime import datetime, timezone

        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow', line: 3, column: 11, endColumn: 28, data: { name: 'datetime.utcnow()', replacement: 'datetime.now(timezone.utc).replace(tzinfo=None)' } }],
    },
    {
      name: 'an aliased class import',
      code: py`
        from datetime import datetime as DateTime
        created = DateTime.utcnow()
      `,
      output: py`
        from datetime import datetime as DateTime, timezone
        created = DateTime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'import datetime: datetime.timezone.utc, no import edit',
      code: py`
        import datetime
        created = datetime.datetime.utcnow()
      `,
      output: py`
        import datetime
        created = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'import datetime as dt: dt.timezone.utc',
      code: py`
        import os, datetime as dt
        created = dt.datetime.utcnow()
      `,
      output: py`
        import os, datetime as dt
        created = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'from datetime import *: timezone is already bound',
      code: py`
        from datetime import *
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import *
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a star import of another module before the explicit imports does not shadow them',
      code: py`
        from app.models import *
        from datetime import datetime, timezone
        created = datetime.utcnow()
      `,
      output: py`
        from app.models import *
        from datetime import datetime, timezone
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a star import of another module may bind timezone (django.utils.timezone): name conflict',
      code: py`
        from app.models import *
        from datetime import datetime
        created = datetime.utcnow()
      `,
      output: null,
      errors: [{ messageId: 'utcnow/name-conflict' }],
    },
    {
      name: 'an import inside the function is extended there',
      code: py`
        def stamp():
            from datetime import datetime
            return datetime.utcnow()
      `,
      output: py`
        def stamp():
            from datetime import datetime, timezone
            return datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a call in a method, a nested function, a comprehension and an f-string',
      code: py`
        from datetime import datetime, timezone
        class Job:
            def run(self):
                def inner():
                    return [datetime.utcnow() for _ in range(2)]
                return f"{datetime.utcnow():%Y}"
      `,
      output: py`
        from datetime import datetime, timezone
        class Job:
            def run(self):
                def inner():
                    return [datetime.now(timezone.utc).replace(tzinfo=None) for _ in range(2)]
                return f"{datetime.now(timezone.utc).replace(tzinfo=None):%Y}"
      `,
      errors: [{ messageId: 'utcnow', line: 5 }, { messageId: 'utcnow', line: 6 }],
    },
    {
      name: 'a chained call keeps its chain',
      code: py`
        from datetime import datetime, timezone
        stamp = datetime.utcnow().isoformat()
      `,
      output: py`
        from datetime import datetime, timezone
        stamp = datetime.now(timezone.utc).replace(tzinfo=None).isoformat()
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a parameter named datetime elsewhere does not hide the module-level import',
      code: py`
        from datetime import datetime, timezone
        def parse(datetime):
            return datetime
        stamp = datetime.utcnow()
      `,
      output: py`
        from datetime import datetime, timezone
        def parse(datetime):
            return datetime
        stamp = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow', line: 4 }],
    },
    {
      name: 'a method does not see its class body: a class attribute named datetime does not shadow the import there',
      code: py`
        from datetime import datetime, timezone
        class Model:
            datetime = FrozenDatetime
            def touch(self):
                return datetime.utcnow()
      `,
      output: py`
        from datetime import datetime, timezone
        class Model:
            datetime = FrozenDatetime
            def touch(self):
                return datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow', line: 5 }],
    },
    {
      name: 'a default value is evaluated outside the function, where datetime is the class',
      code: py`
        from datetime import datetime, timezone
        def log(message, datetime=datetime.utcnow()):
            return datetime
      `,
      output: py`
        from datetime import datetime, timezone
        def log(message, datetime=datetime.now(timezone.utc).replace(tzinfo=None)):
            return datetime
      `,
      errors: [{ messageId: 'utcnow' }],
    },

    // --- reusing imports ---
    {
      name: 'an aliased timezone import is reused',
      code: py`
        from datetime import datetime
        from datetime import timezone as tz
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import datetime
        from datetime import timezone as tz
        created = datetime.now(tz.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow', data: { name: 'datetime.utcnow()', replacement: 'datetime.now(tz.utc).replace(tzinfo=None)' } }],
    },
    {
      name: 'an existing UTC import is reused even below 3.11 (the file already needs 3.11)',
      code: py`
        from datetime import UTC, datetime
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import UTC, datetime
        created = datetime.now(UTC).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a timezone import that may not run (conditional) is not reused: the class import gets it',
      code: py`
        from datetime import datetime
        if LEGACY:
            from datetime import timezone
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import datetime, timezone
        if LEGACY:
            from datetime import timezone
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a timezone import after a module-level call is not reused',
      code: py`
        from datetime import datetime
        STARTED = datetime.utcnow()
        from datetime import timezone
      `,
      output: py`
        from datetime import datetime, timezone
        STARTED = datetime.now(timezone.utc).replace(tzinfo=None)
        from datetime import timezone
      `,
      errors: [{ messageId: 'utcnow' }],
    },

    {
      name: 'TYPE_CHECKING imports are neither reused nor extended; every runtime import of the class is',
      code: py`
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from datetime import datetime, timezone
        from datetime import datetime
        try:
            from datetime import datetime
        except ImportError:
            pass
        created = datetime.utcnow()
      `,
      output: py`
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from datetime import datetime, timezone
        from datetime import datetime, timezone
        try:
            from datetime import datetime, timezone
        except ImportError:
            pass
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },

    // --- UTC with a target ≥ 3.11 ---
    {
      name: 'target 3.11: UTC, in isort order',
      code: py`
        from datetime import datetime
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import UTC, datetime
        created = datetime.now(UTC).replace(tzinfo=None)
      `,
      settings: target('3.11'),
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'target 3.12 under import datetime as dt: dt.UTC',
      code: py`
        import datetime as dt
        created = dt.datetime.utcfromtimestamp(ts)
      `,
      output: py`
        import datetime as dt
        created = dt.datetime.fromtimestamp(ts, tz=dt.UTC).replace(tzinfo=None)
      `,
      settings: target('3.12'),
      errors: [{ messageId: 'utcfromtimestamp' }],
    },
    {
      name: 'target 3.11 with a timezone import already there: reused, nothing imported',
      code: py`
        from datetime import datetime, timezone
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import datetime, timezone
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      settings: target('3.11'),
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'target 3.10: timezone.utc',
      code: py`
        from datetime import datetime
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import datetime, timezone
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      settings: target('3.10'),
      errors: [{ messageId: 'utcnow' }],
    },

    // --- import styles ---
    {
      name: 'a parenthesised import, one name per line, trailing comma and comment kept',
      code: py`
        from datetime import (
            date,
            datetime,  # the class
        )
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import (
            date,
            datetime,  # the class
            timezone,
        )
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a parenthesised import without trailing comma stays without',
      code: py`
        from datetime import (
            date,
            datetime  # the class
        )
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import (
            date,
            datetime,  # the class
            timezone
        )
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a sorted import gets the name in sorted position',
      code: py`
        from datetime import (
            date,
            datetime,
            tzinfo,
        )
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import (
            date,
            datetime,
            timezone,
            tzinfo,
        )
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a one-line parenthesised import with trailing comma',
      code: py`
        from datetime import (date, datetime,)
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import (date, datetime, timezone,)
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'a backslash-continued import',
      code: 'from datetime import date, \\\n    datetime\ncreated = datetime.utcnow()\n',
      output: 'from datetime import date, \\\n    datetime, timezone\ncreated = datetime.now(timezone.utc).replace(tzinfo=None)\n',
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'an unsorted import gets the name last',
      code: py`
        from datetime import datetime, date
        created = datetime.utcnow()
      `,
      output: py`
        from datetime import datetime, date, timezone
        created = datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
    {
      name: 'CRLF line endings are kept',
      code: 'from datetime import (\r\n    datetime,\r\n)\r\ncreated = datetime.utcnow()\r\n',
      output: 'from datetime import (\r\n    datetime,\r\n    timezone,\r\n)\r\ncreated = datetime.now(timezone.utc).replace(tzinfo=None)\r\n',
      errors: [{ messageId: 'utcnow' }],
    },

    // --- utcfromtimestamp ---
    {
      name: 'utcfromtimestamp(ts)',
      code: py`
        from datetime import datetime, timezone
        when = datetime.utcfromtimestamp(row["ts"])
      `,
      output: py`
        from datetime import datetime, timezone
        when = datetime.fromtimestamp(row["ts"], tz=timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcfromtimestamp', data: { name: 'datetime.utcfromtimestamp()', replacement: 'datetime.fromtimestamp(row["ts"], tz=timezone.utc).replace(tzinfo=None)' } }],
    },
    {
      name: 'utcfromtimestamp with a trailing comma over several lines',
      code: py`
        from datetime import datetime, timezone
        when = datetime.utcfromtimestamp(
            stamp / 1000,  # milliseconds
        )
      `,
      output: py`
        from datetime import datetime, timezone
        when = datetime.fromtimestamp(
            stamp / 1000, tz=timezone.utc,  # milliseconds
        ).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcfromtimestamp' }],
    },
    {
      name: 'utcfromtimestamp with a keyword, two, no or unpacked arguments: no rewrite (it rejects them)',
      code: py`
        from datetime import datetime, timezone
        a = datetime.utcfromtimestamp(timestamp=ts)
        b = datetime.utcfromtimestamp(ts, tz)
        c = datetime.utcfromtimestamp()
        d = datetime.utcfromtimestamp(*args)
      `,
      output: null,
      errors: [
        { messageId: 'utcfromtimestamp/unsupported-form' },
        { messageId: 'utcfromtimestamp/unsupported-form' },
        { messageId: 'utcfromtimestamp/unsupported-form' },
        { messageId: 'utcfromtimestamp/unsupported-form' },
      ],
    },
    {
      name: 'utcnow with an argument: no rewrite (it raises TypeError today)',
      code: py`
        from datetime import datetime, timezone
        a = datetime.utcnow(tz)
      `,
      output: null,
      errors: [{ messageId: 'utcnow/unsupported-form' }],
    },

    // --- references ---
    {
      name: 'pydantic default_factory',
      code: py`
        from datetime import datetime
        from pydantic import BaseModel, Field

        class Event(BaseModel):
            created_at: datetime = Field(default_factory=datetime.utcnow)
      `,
      output: py`
        from datetime import datetime, timezone
        from pydantic import BaseModel, Field

        class Event(BaseModel):
            created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc).replace(tzinfo=None))
      `,
      errors: [{ messageId: 'utcnow-reference', line: 5, column: 50, data: { name: 'datetime.utcnow', replacement: 'lambda: datetime.now(timezone.utc).replace(tzinfo=None)' } }],
    },
    {
      name: 'SQLAlchemy Column default and onupdate under import datetime',
      code: py`
        import datetime
        class Row(Base):
            updated = Column(DateTime, default=datetime.datetime.utcnow, onupdate=datetime.datetime.utcnow)
      `,
      output: py`
        import datetime
        class Row(Base):
            updated = Column(DateTime, default=lambda: datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None), onupdate=lambda: datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None))
      `,
      errors: [{ messageId: 'utcnow-reference' }, { messageId: 'utcnow-reference' }],
    },
    {
      name: 'a positional factory, a variable, a dict value, a default and a return',
      code: py`
        from datetime import datetime, timezone
        stamps = defaultdict(datetime.utcnow)
        clock = datetime.utcnow
        CLOCKS = {"utc": datetime.utcnow}
        def run(now=datetime.utcnow):
            return datetime.utcnow
      `,
      output: py`
        from datetime import datetime, timezone
        stamps = defaultdict(lambda: datetime.now(timezone.utc).replace(tzinfo=None))
        clock = lambda: datetime.now(timezone.utc).replace(tzinfo=None)
        CLOCKS = {"utc": lambda: datetime.now(timezone.utc).replace(tzinfo=None)}
        def run(now=lambda: datetime.now(timezone.utc).replace(tzinfo=None)):
            return lambda: datetime.now(timezone.utc).replace(tzinfo=None)
      `,
      errors: Array(5).fill({ messageId: 'utcnow-reference' }),
    },
    {
      name: 'a utcfromtimestamp reference becomes a one-parameter lambda',
      code: py`
        from datetime import datetime, timezone
        dates = list(map(datetime.utcfromtimestamp, stamps))
      `,
      output: py`
        from datetime import datetime, timezone
        dates = list(map(lambda ts: datetime.fromtimestamp(ts, tz=timezone.utc).replace(tzinfo=None), stamps))
      `,
      errors: [{ messageId: 'utcnow-reference', data: { name: 'datetime.utcfromtimestamp', replacement: 'lambda ts: datetime.fromtimestamp(ts, tz=timezone.utc).replace(tzinfo=None)' } }],
    },
    {
      name: 'the lambda parameter avoids the names its body uses',
      code: py`
        from datetime import datetime as ts, timezone
        dates = list(map(ts.utcfromtimestamp, stamps))
      `,
      output: py`
        from datetime import datetime as ts, timezone
        dates = list(map(lambda timestamp: ts.fromtimestamp(timestamp, tz=timezone.utc).replace(tzinfo=None), stamps))
      `,
      errors: [{ messageId: 'utcnow-reference' }],
    },
    {
      name: 'references a lambda cannot replace: comparisons, conditionals, attributes, class attributes',
      code: py`
        from datetime import datetime, timezone
        same = factory is datetime.utcnow
        pick = datetime.utcnow if utc else datetime.now
        name = datetime.utcnow.__name__
        class Clock:
            now = datetime.utcnow
            a, b = 1, datetime.utcnow
        Clock.now = datetime.utcnow
      `,
      output: null,
      errors: Array(6).fill({ messageId: 'utcnow-reference/unsupported-form' }),
    },
    {
      name: 'a reference to a class-scope import: a lambda body would not see it',
      code: py`
        class Event(BaseModel):
            from datetime import datetime, timezone
            created_at: datetime = Field(default_factory=datetime.utcnow)
      `,
      output: null,
      errors: [{ messageId: 'utcnow-reference/unsupported-form' }],
    },

    // --- name conflicts ---
    {
      name: 'timezone bound to something else at module level',
      code: py`
        from datetime import datetime
        from pytz import timezone
        created = datetime.utcnow()
      `,
      output: null,
      errors: [{ messageId: 'utcnow/name-conflict' }],
    },
    {
      name: 'timezone assigned at module level',
      code: py`
        from datetime import datetime
        timezone = settings.TIME_ZONE
        created = Field(default_factory=datetime.utcnow)
      `,
      output: null,
      errors: [{ messageId: 'utcnow-reference/name-conflict' }],
    },
    {
      name: "a class attribute named timezone: the factory's lambda does not see the class body, a call in the body does",
      code: py`
        from datetime import datetime
        class User(Base):
            timezone = "Europe/Berlin"
            created = Column(DateTime, default=datetime.utcnow)
            stamped = datetime.utcnow()
      `,
      output: py`
        from datetime import datetime, timezone
        class User(Base):
            timezone = "Europe/Berlin"
            created = Column(DateTime, default=lambda: datetime.now(timezone.utc).replace(tzinfo=None))
            stamped = datetime.utcnow()
      `,
      errors: [{ messageId: 'utcnow-reference' }, { messageId: 'utcnow/name-conflict' }],
    },
    {
      name: 'a parameter named timezone at the call site; other calls still fixed',
      code: py`
        from datetime import datetime
        def localize(value, timezone):
            return datetime.utcnow()
      `,
      output: null,
      errors: [{ messageId: 'utcnow/name-conflict' }],
    },
    {
      name: 'target 3.11 and UTC bound to something else',
      code: py`
        from datetime import datetime
        UTC = pytz.utc
        created = datetime.utcnow()
      `,
      output: null,
      settings: target('3.11'),
      errors: [{ messageId: 'utcnow/name-conflict' }],
    },

    // --- style "aware": unsafe, a suggestion only ---
    {
      name: 'aware utcnow',
      code: py`
        from datetime import datetime
        created = datetime.utcnow()
      `,
      options: [{ style: 'aware' }],
      output: null,
      errors: [
        {
          messageId: 'utcnow/unsafe',
          suggestions: [
            {
              messageId: 'unsafeSuggestion',
              data: { replacement: 'datetime.now(timezone.utc)' },
              output: py`
                from datetime import datetime, timezone
                created = datetime.now(timezone.utc)
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'aware utcfromtimestamp with UTC',
      code: py`
        import datetime as dt
        when = dt.datetime.utcfromtimestamp(ts)
      `,
      options: [{ style: 'aware' }],
      settings: target('3.13'),
      output: null,
      errors: [
        {
          messageId: 'utcfromtimestamp/unsafe',
          suggestions: [{ messageId: 'unsafeSuggestion', output: 'import datetime as dt\nwhen = dt.datetime.fromtimestamp(ts, tz=dt.UTC)\n' }],
        },
      ],
    },
    {
      name: 'aware reference',
      code: py`
        from datetime import datetime, timezone
        f = Field(default_factory=datetime.utcnow)
      `,
      options: [{ style: 'aware' }],
      output: null,
      errors: [
        {
          messageId: 'utcnow-reference/unsafe',
          suggestions: [{ messageId: 'unsafeSuggestion', output: 'from datetime import datetime, timezone\nf = Field(default_factory=lambda: datetime.now(timezone.utc))\n' }],
        },
      ],
    },
    {
      name: 'aware and a name conflict: no suggestion',
      code: py`
        from datetime import datetime
        timezone = None
        created = datetime.utcnow()
      `,
      options: [{ style: 'aware' }],
      output: null,
      errors: [{ messageId: 'utcnow/name-conflict', suggestions: [] }],
    },
    {
      name: 'explicit naive style',
      code: py`
        import datetime
        x = datetime.datetime.utcnow()
      `,
      options: [{ style: 'naive' }],
      output: py`
        import datetime
        x = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
      `,
      errors: [{ messageId: 'utcnow' }],
    },
  ],
});

describe('py-utcnow option schema', () => {
  it('rejects an unknown style and unknown keys', () => {
    for (const options of [{ style: 'utc' }, { style: 'naive', extra: true }]) {
      expect(() => new Linter().verify('x = 1\n', pythonConfig([options]), 'x.py')).toThrow(/py-utcnow/);
    }
    expect(new Linter().verify('x = 1\n', pythonConfig([{ style: 'aware' }]), 'x.py')).toEqual([]);
  });
});

function pythonConfig(options: unknown[] = [], settings?: object): Linter.Config[] {
  return [
    {
      files: ['**/*.py'],
      plugins: { deprecfix: plugin as never },
      language: 'deprecfix/python',
      rules: { 'deprecfix/py-utcnow': ['warn', ...(options as [])] },
      ...(settings ? { settings: settings as Record<string, unknown> } : {}),
    },
  ];
}

/** One `eslint --fix` pass. */
function fixPass(linter: Linter, text: string, config: Linter.Config[], filename: string, unsafeFixes: boolean): { text: string; fixed: number } {
  const messages = linter.verify(text, config, filename);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${filename}:${fatal.line}: ${fatal.message}`);
  return applyFixesOnce(text, messages, unsafeFixes);
}

function fixUntilStable(linter: Linter, text: string, config: Linter.Config[], filename: string, unsafeFixes: boolean): { text: string; passes: number } {
  let passes = 0;
  for (let pass = fixPass(linter, text, config, filename, unsafeFixes); pass.fixed > 0; pass = fixPass(linter, text, config, filename, unsafeFixes)) {
    text = pass.text;
    expect(++passes).toBeLessThan(10);
  }
  return { text, passes };
}

describe('py-utcnow through ESLint', () => {
  it('honours # eslint-disable-next-line and # eslint-disable for the rule', () => {
    const code = py`
      from datetime import datetime
      # eslint-disable-next-line deprecfix/py-utcnow
      a = datetime.utcnow()
      b = datetime.utcnow()  # eslint-disable-line deprecfix/py-utcnow
      c = datetime.utcnow()
      # eslint-disable deprecfix/py-utcnow
      d = datetime.utcnow()
    `;
    const messages = new Linter().verify(code, pythonConfig(), 'x.py');
    expect(messages.map((message) => `${message.line} ${message.messageId}`)).toEqual(['5 utcnow']);
  });

  it('composes nested findings over several passes, and a second run finds nothing', () => {
    const linter = new Linter();
    const code = py`
      from datetime import datetime
      a = datetime.utcfromtimestamp(datetime.utcnow().timestamp())
      b = datetime.utcnow()
      c = Field(default_factory=datetime.utcnow)
    `;
    const result = fixUntilStable(linter, code, pythonConfig(), 'x.py', false);
    expect(result.text).toBe(py`
      from datetime import datetime, timezone
      a = datetime.fromtimestamp(datetime.now(timezone.utc).replace(tzinfo=None).timestamp(), tz=timezone.utc).replace(tzinfo=None)
      b = datetime.now(timezone.utc).replace(tzinfo=None)
      c = Field(default_factory=lambda: datetime.now(timezone.utc).replace(tzinfo=None))
    `);
    expect(linter.verify(result.text, pythonConfig(), 'x.py')).toEqual([]);
  });

  it('gives every finding its import edit in the same fix, so any one fix alone leaves a runnable file', () => {
    const code = py`
      from datetime import datetime
      a = datetime.utcnow()
      b = datetime.utcfromtimestamp(0)
    `;
    const messages = new Linter().verify(code, pythonConfig(), 'x.py');
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      const fixedText = code.slice(0, message.fix!.range[0]) + message.fix!.text + code.slice(message.fix!.range[1]);
      expect(fixedText.split('\n')[0]).toBe('from datetime import datetime, timezone');
      expect(parsePython(fixedText).ok).toBe(true);
    }
  });

  it('reads each finding back as its kind and safety', () => {
    const code = py`
      from datetime import datetime
      a = datetime.utcnow()
      b = datetime.utcfromtimestamp(0)
      c = Field(default_factory=datetime.utcnow)
    `;
    const kinds = (options: unknown[]) =>
      new Linter().verify(code, pythonConfig(options), 'x.py').map((message) => parseMessageId(message.messageId!));
    expect(kinds([])).toEqual([
      { kind: 'utcnow', fix: 'safe' },
      { kind: 'utcfromtimestamp', fix: 'safe' },
      { kind: 'utcnow-reference', fix: 'safe' },
    ]);
    expect(kinds([{ style: 'aware' }]).map((finding) => finding?.fix)).toEqual(['unsafe', 'unsafe', 'unsafe']);
  });
});

describe('py-utcnow: the Python target read from the project', () => {
  afterEach(() => clearPythonTargetCache());

  const lintIn = (files: Record<string, string>, settings?: object) => {
    const repo = tempDir('deprecfix-py-utcnow-');
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), text);
    }
    const code = 'from datetime import datetime\nx = datetime.utcnow()\n';
    const [message] = new Linter({ cwd: repo }).verify(code, pythonConfig([], settings), path.join(repo, 'backend', 'api', 'main.py'));
    return message.fix?.text ?? '';
  };

  it('uses UTC when pyproject.toml requires Python ≥ 3.11', () => {
    expect(lintIn({ 'pyproject.toml': '[project]\nname = "api"\nrequires-python = ">=3.11"\n' })).toContain('UTC, datetime');
  });

  it('uses timezone.utc when pyproject.toml admits 3.10', () => {
    expect(lintIn({ 'pyproject.toml': '[project]\nrequires-python = ">=3.10,<4"\n' })).toContain('timezone.utc');
  });

  it('reads the nearest pyproject.toml of the file (a package of a monorepo)', () => {
    const text = lintIn({
      'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n',
      'backend/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\n',
    });
    expect(text).toContain('UTC');
  });

  it('falls back to .python-version', () => {
    expect(lintIn({ '.python-version': '3.12.4\n' })).toContain('UTC');
  });

  it('uses timezone.utc when nothing says', () => {
    expect(lintIn({})).toContain('timezone.utc');
  });

  it('lets settings.deprecfix.python.targetVersion win over the files', () => {
    expect(lintIn({ 'pyproject.toml': '[project]\nrequires-python = ">=3.12"\n' }, target('3.9'))).toContain('timezone.utc');
    expect(lintIn({ 'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n' }, target('3.11'))).toContain('UTC');
  });
});

interface PyCaseOptions {
  unsafeFixes?: boolean;
  options?: unknown[];
  files?: Record<string, string>;
}

/**
 * `fixtures/py-utcnow/<case>/input.py` → `output.py` through ESLint, fixes (and with `unsafeFixes` first
 * suggestions) applied until nothing is left; `case.json` may set `unsafeFixes`, the rule's `options` and `files`
 * written into the repository around the file (e.g. a `pyproject.toml` that sets the Python target).
 */
describe('fixtures/py-utcnow through ESLint', () => {
  const root = path.join(packageRoot, 'fixtures', 'py-utcnow');
  const cases = existsSync(root) ? readdirSync(root).sort() : [];
  afterEach(() => clearPythonTargetCache());

  it('has cases', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)('%s', (name) => {
    const dir = path.join(root, name);
    const input = readFileSync(path.join(dir, 'input.py'), 'utf8');
    const output = readFileSync(path.join(dir, 'output.py'), 'utf8');
    const caseOptions: PyCaseOptions = existsSync(path.join(dir, 'case.json')) ? JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) : {};
    const repo = tempDir('deprecfix-py-fixture-');
    for (const [file, text] of Object.entries(caseOptions.files ?? {})) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), text);
    }
    const linter = new Linter({ cwd: repo });
    const filename = path.join(repo, 'src', 'input.py');
    const config = pythonConfig(caseOptions.options ?? []);
    const unsafeFixes = caseOptions.unsafeFixes ?? false;

    const result = fixUntilStable(linter, input, config, filename, unsafeFixes);
    expect(result.passes).toBeGreaterThan(0);
    expect(result.text).toBe(output);
    expect(parsePython(result.text).ok).toBe(true);
    // Idempotent: what is left is only what the rule could not fix.
    expect(fixPass(linter, output, config, filename, unsafeFixes).fixed).toBe(0);
  });
});

describe('transforms/python/imports', () => {
  const addName = (code: string, name: string, statementIndex = 0): string => {
    const parsed = parsePython(code);
    if (!parsed.ok) throw new Error('parse');
    const statement = parsed.ast.children.filter((node) => node.type === 'import_from_statement')[statementIndex];
    return applyEdits(code, addNameToFromImport(code, statement, name));
  };

  it.each([
    ['from m import a\n', 'b', 'from m import a, b\n'],
    ['from m import b\n', 'a', 'from m import a, b\n'],
    ['from m import Thing, func\n', 'CONST', 'from m import CONST, Thing, func\n'],
    ['from m import Thing, func\n', 'Other', 'from m import Other, Thing, func\n'],
    ['from m import c, a\n', 'b', 'from m import c, a, b\n'],
    ['from m import (a)\n', 'b', 'from m import (a, b)\n'],
    ['from m import (\n    a,\n    c,\n)\n', 'b', 'from m import (\n    a,\n    b,\n    c,\n)\n'],
    ['from m import (\n    a,\n    b)\n', 'c', 'from m import (\n    a,\n    b,\n    c)\n'],
    ['from m import (\n    a,\n    b,)\n', 'c', 'from m import (\n    a,\n    b,\n    c,)\n'],
    ['from m import (\n  a,  # x\n  b  # y\n)\n', 'c', 'from m import (\n  a,  # x\n  b,  # y\n  c\n)\n'],
    ['from m import (a,\n    b)\n', 'c', 'from m import (a,\n    b, c)\n'],
    ['from m import x as y\n', 'a', 'from m import a, x as y\n'],
  ])('%j + %s', (code, name, expected) => {
    expect(addName(code, name)).toBe(expected);
    expect(parsePython(expected).ok).toBe(true);
  });

  const resolveAt = (code: string, marker: string, name: string) => {
    const parsed = parsePython(code);
    if (!parsed.ok) throw new Error('parse');
    const scopes = analyzeScopes(code, parsed.ast);
    const offset = code.indexOf(marker);
    let found: PyNode | undefined;
    const visit = (node: PyNode): void => {
      if (node.type === 'identifier' && node.range[0] === offset) found = node;
      node.children.forEach(visit);
    };
    visit(parsed.ast);
    const resolution = scopes.resolve(found!, name);
    return resolution && { scope: resolution.scope.kind, kinds: resolution.bindings.map((binding) => binding.kind) };
  };

  it('resolves names by Python scoping', () => {
    const code = py`
      import x
      class C:
          x = 1
          def m(self):
              return x
          y = [x for _ in range(1)]
      def f():
          x = 2
          def g():
              nonlocal x
              x = 3
          return x
      def h():
          global x
          x = 4
    `;
    // A method and a comprehension skip the class body; the class body itself sees its own x.
    expect(resolveAt(code, 'x\n    y', 'x')).toEqual({ scope: 'module', kinds: ['import', 'assignment'] });
    expect(resolveAt(code, 'x for', 'x')).toEqual({ scope: 'module', kinds: ['import', 'assignment'] });
    expect(resolveAt(code, 'y = ', 'x')).toEqual({ scope: 'class', kinds: ['assignment'] });
    // nonlocal moves g's binding into f; global moves h's into the module.
    expect(resolveAt(code, 'x\ndef h', 'x')).toEqual({ scope: 'function', kinds: ['assignment', 'assignment'] });
    expect(resolveAt(code, 'x\nclass', 'nothing')).toBeUndefined();
  });
});

describe('py-utcnow: a test that mocks utcnow holds the calls it answers', () => {
  afterEach(() => clearUtcnowMockCache());

  /** The message of `datetime.utcnow()` in `pkg/auth.py` of a repository with `files`. */
  const messageIn = (files: Record<string, string>, linted = 'pkg/auth.py') => {
    const repo = tempDir('deprecfix-py-utcnow-mock-');
    for (const [file, text] of Object.entries({ 'pyproject.toml': '[project]\nname = "pkg"\nrequires-python = ">=3.9"\n', ...files })) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), text);
    }
    const code = 'import datetime\n\ndef stamp():\n    return datetime.datetime.utcnow()\n';
    const [message] = new Linter({ cwd: repo }).verify(code, pythonConfig(), path.join(repo, linted));
    return { fixed: message.fix !== undefined, message: message.message };
  };
  const SPEC = (target: string, configure: string) =>
    `from unittest import mock\n\n@mock.patch('${target}')\ndef test_signs(datetime_mock):\n    ${configure}\n`;

  it('holds the call when a test patches its module and configures utcnow (botocore: mock.patch + utcnow.return_value)', () => {
    const held = messageIn({ 'tests/test_auth.py': SPEC('pkg.auth.datetime.datetime', 'datetime_mock.utcnow.return_value = FIXED') });
    expect(held).toEqual({ fixed: false, message: expect.stringContaining("spied on as 'utcnow' in tests/test_auth.py:5") });
    expect(messageIn({ 'tests/test_auth.py': SPEC('pkg.auth.datetime', 'datetime_mock.datetime.utcnow.side_effect = [A, B]') }).fixed).toBe(false);
  });

  it("holds it for a mock that names utcnow without a module to narrow it to (monkeypatch.setattr(x, 'utcnow', …))", () => {
    expect(messageIn({ 'tests/test_x.py': "def test_x(monkeypatch):\n    monkeypatch.setattr(clock, 'utcnow', lambda: FIXED)\n" }).fixed).toBe(false);
  });

  it('rewrites a call in a module the mocks do not patch, and with freezegun (which moves now() too)', () => {
    expect(messageIn({ 'tests/test_other.py': SPEC('pkg.other.datetime.datetime', 'datetime_mock.utcnow.return_value = FIXED') }).fixed).toBe(true);
    expect(messageIn({ 'tests/test_t.py': "from freezegun import freeze_time\n\n@freeze_time('2020-01-01')\ndef test_t():\n    assert stamp()\n" }).fixed).toBe(true);
  });
});
