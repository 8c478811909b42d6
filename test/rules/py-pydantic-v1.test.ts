/**
 * `deprecfix/py-pydantic-v1`: ESLint's RuleTester tables (every method and argument rule, receiver proofs and the
 * traps that must stay silent: HTTP responses, dicts, pydantic.v1 models, a model's own methods), models defined
 * in other files of a repository (temporary directories), the pydantic version gate, and the fixture pairs
 * `fixtures/py-pydantic-v1/<case>/` through ESLint.
 */
import { Linter } from 'eslint';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import { parseMessageId } from '../../rules/kinds.js';
import rule from '../../rules/py-pydantic-v1.js';
import { clearModelIndexCache } from '../../rules/python/model-index.js';
import { clearConfigReferenceCache } from '../../rules/python/config.js';
import { clearPydanticVersionCache } from '../../rules/project/pydantic-version.js';
import { packageRoot, tempDir } from '../helpers.js';
import { py, PythonRuleTester } from './python-tester.js';


const pydantic = (version: string | null) => ({ deprecfix: { python: { pydantic: version } } });

const METHOD = 'pydantic-v1-method';
const ATTRIBUTE = 'pydantic-v1-attribute';

/** Safe findings: the autofix gives `output`. */
const fixed = (code: string, output: string, messageIds: string[] = [METHOD]) => ({ code, output, errors: messageIds.map((messageId) => ({ messageId })) });
/** One repair: the old call raises on pydantic 2 and the autofix gives `output` (applied like a safe fix). */
const repaired = (code: string, output: string) => fixed(code, output, [`${METHOD}/repair`]);
/** One unsafe finding: no autofix, one suggestion that gives `output`. */
const unsafe = (code: string, output: string) => ({
  code,
  output: null,
  errors: [{ messageId: `${METHOD}/unsafe`, suggestions: [{ messageId: 'unsafeSuggestion', output }] }],
});
/** Findings without a fix or suggestion. */
const unfixable = (code: string, messageIds: string[]) => ({ code, output: null, errors: messageIds.map((messageId) => ({ messageId, suggestions: [] })) });

const MODEL = py`
  from pydantic import BaseModel

  class User(BaseModel):
      name: str = ""
`;

const ruleTester = new PythonRuleTester({
  plugins: { deprecfix: plugin as never },
  language: 'deprecfix/python',
  settings: pydantic('2.5.0'),
} as never);

/** Code that supports pydantic 1 and 2: what runs only on pydantic 1 is not a deprecated call there. */
const COMPAT = py`
  import pydantic
  from pydantic import BaseModel

  PYDANTIC_V1 = pydantic.VERSION.startswith("1.")
  PYDANTIC_V2 = not PYDANTIC_V1

  class User(BaseModel):
      name: str = ""
`;
const compat = (body: string) => `${COMPAT}\ndef f(u: User):\n${body.replace(/^/gm, '    ')}\n`;

/** A model without `from_attributes`: `from_orm()` raises on pydantic 2, its rewrite adds the keyword (a repair). */
const ORM_MODEL = py`
  from pydantic import BaseModel

  class Out(BaseModel):
      id: int = 0
`;

ruleTester.run('py-pydantic-v1: a TypeVar bound to a model, or a type alias, proves its receivers as what it stands for', rule, {
  valid: [
    // an alias of something else, or a value that is not a type
    `${MODEL}\nfrom typing import List\nNames = List[str]\ndef f(ns: Names):\n    for n in ns:\n        n.copy()\n`,
    `${MODEL}\nDEFAULT = make_user()\ndef f(u: DEFAULT):\n    return u.copy()\n`,
    // unbound, or bound to something else: not proven
    `${MODEL}\nfrom typing import TypeVar\nT = TypeVar("T")\ndef f(m: T):\n    return m.copy()\n`,
    `${MODEL}\nfrom typing import TypeVar\nT = TypeVar("T", bound=dict)\ndef f(m: T):\n    return m.copy()\n`,
    // a bound that leads back to itself
    `${MODEL}\nfrom typing import TypeVar\nA = TypeVar("A", bound="B")\nB = TypeVar("B", bound="A")\ndef f(m: A):\n    return m.copy()\n`,
  ],
  invalid: [
    fixed(
      `${MODEL}\nfrom typing import TypeVar\nT = TypeVar("T", bound=User)\ndef f(m: T) -> T:\n    return m.copy()\n`,
      `${MODEL}\nfrom typing import TypeVar\nT = TypeVar("T", bound=User)\ndef f(m: T) -> T:\n    return m.model_copy()\n`,
    ),
    fixed(
      `${MODEL}\nimport typing\nModelT = typing.TypeVar("ModelT", bound="User")\ndef f(cls: type[ModelT], data: dict):\n    return cls.parse_obj(data)\n`,
      `${MODEL}\nimport typing\nModelT = typing.TypeVar("ModelT", bound="User")\ndef f(cls: type[ModelT], data: dict):\n    return cls.model_validate(data)\n`,
    ),
    fixed(
      `${MODEL}\nfrom typing import List\nUsers = List[User]\ndef f(us: Users):\n    for u in us:\n        u.copy()\n`,
      `${MODEL}\nfrom typing import List\nUsers = List[User]\ndef f(us: Users):\n    for u in us:\n        u.model_copy()\n`,
    ),
    fixed(
      `${MODEL}\nfrom typing import Optional, TypeAlias\nMaybeUser: TypeAlias = "Optional[User]"\ndef f(u: MaybeUser):\n    return u.copy()\n`,
      `${MODEL}\nfrom typing import Optional, TypeAlias\nMaybeUser: TypeAlias = "Optional[User]"\ndef f(u: MaybeUser):\n    return u.model_copy()\n`,
    ),
    fixed(`${MODEL}\ntype Users = list[User]\ndef f(us: Users):\n    return [u.copy() for u in us]\n`, `${MODEL}\ntype Users = list[User]\ndef f(us: Users):\n    return [u.model_copy() for u in us]\n`),
    fixed(
      `${MODEL}\nfrom typing import TypeVar\nfrom pydantic import BaseModel\nM = TypeVar("M", bound=BaseModel)\ndef f(m: M):\n    return m.json()\n`,
      `${MODEL}\nfrom typing import TypeVar\nfrom pydantic import BaseModel\nM = TypeVar("M", bound=BaseModel)\ndef f(m: M):\n    return m.model_dump_json()\n`,
    ),
  ],
});

ruleTester.run('py-pydantic-v1: a loop that unpacks zip(), enumerate() or .items() proves each name as its part', rule, {
  valid: [
    // the other part, a shadowed zip, or a pair of unknown shape
    `${MODEL}\nfrom typing import List\ndef f(us: List[User], ns: List[str]):\n    for u, n in zip(us, ns):\n        n.copy()\n`,
    `${MODEL}\nfrom typing import List\nfrom itertools import zip_longest as zip\ndef f(us: List[User], ns: List[str]):\n    for u, n in zip(us, ns):\n        u.copy()\n`,
    `${MODEL}\ndef f(pairs):\n    for u, n in pairs:\n        u.copy()\n`,
    `${MODEL}\nfrom typing import List\ndef f(us: List[User]):\n    for i, u in enumerate(us):\n        i.copy()\n`,
  ],
  invalid: [
    fixed(
      `${MODEL}\nfrom typing import List\ndef f(us: List[User], ns: List[str]):\n    for u, n in zip(us, ns):\n        u.copy()\n`,
      `${MODEL}\nfrom typing import List\ndef f(us: List[User], ns: List[str]):\n    for u, n in zip(us, ns):\n        u.model_copy()\n`,
    ),
    fixed(
      `${MODEL}\nfrom typing import List\ndef f(us: List[User]):\n    for i, u in enumerate(us, 1):\n        u.copy()\n`,
      `${MODEL}\nfrom typing import List\ndef f(us: List[User]):\n    for i, u in enumerate(us, 1):\n        u.model_copy()\n`,
    ),
    fixed(
      `${MODEL}\nfrom typing import Dict\ndef f(by_id: Dict[int, User]):\n    return [u.copy() for (k, u) in by_id.items()]\n`,
      `${MODEL}\nfrom typing import Dict\ndef f(by_id: Dict[int, User]):\n    return [u.model_copy() for (k, u) in by_id.items()]\n`,
    ),
  ],
});

ruleTester.run('py-pydantic-v1: an added keyword follows the call\'s layout', rule, {
  valid: [],
  invalid: [
    // a one-line call: after the last argument
    repaired(`${ORM_MODEL}\nOut.from_orm(row)\n`, `${ORM_MODEL}\nOut.model_validate(row, from_attributes=True)\n`),
    // one argument a line with a trailing comma (black's magic comma): a line of its own, indented like the others
    repaired(
      `${ORM_MODEL}\nr = f(\n    Out.from_orm(\n        row.copy(\n            update={},\n        ),\n    ),\n)\n`,
      `${ORM_MODEL}\nr = f(\n    Out.model_validate(\n        row.copy(\n            update={},\n        ),\n        from_attributes=True,\n    ),\n)\n`,
    ),
    // a comment after the trailing comma stays on its line
    repaired(
      `${ORM_MODEL}\nr = Out.from_orm(\n    row,  # the ORM row\n)\n`,
      `${ORM_MODEL}\nr = Out.model_validate(\n    row,  # the ORM row\n    from_attributes=True,\n)\n`,
    ),
    // CRLF line endings: the new line ends like the others
    repaired(
      `${ORM_MODEL}\nr = Out.from_orm(\n    row,\n)\n`.replaceAll('\n', '\r\n'),
      `${ORM_MODEL}\nr = Out.model_validate(\n    row,\n    from_attributes=True,\n)\n`.replaceAll('\n', '\r\n'),
    ),
    // the last argument does not start its line: after it, as on one line
    repaired(`${ORM_MODEL}\nr = Out.from_orm(make_row(\n    1,\n),\n)\n`, `${ORM_MODEL}\nr = Out.model_validate(make_row(\n    1,\n), from_attributes=True,\n)\n`),
    // no trailing comma: after the last argument, as on one line
    repaired(`${ORM_MODEL}\nr = Out.from_orm(\n    row\n)\n`, `${ORM_MODEL}\nr = Out.model_validate(\n    row, from_attributes=True\n)\n`),
  ],
});

ruleTester.run('py-pydantic-v1: code that runs only on pydantic 1 (a version test) is not a finding', rule, {
  valid: [
    compat('if PYDANTIC_V1:\n    return u.dict()\nreturn u.model_dump()'),
    compat('if not PYDANTIC_V2:\n    return u.dict()\nelse:\n    return u.model_dump()'),
    compat('if PYDANTIC_V2:\n    return u.model_dump()\nelse:\n    return u.dict()'),
    compat('if PYDANTIC_V2:\n    return u.model_dump()\nelif u.name:\n    return u.dict()\nelse:\n    return u.json()'),
    // an early return on pydantic 2: what follows runs on pydantic 1 only
    compat('if PYDANTIC_V2:\n    return u.model_dump()\nfields = u.__fields__\nreturn u.dict()'),
    compat('return u.model_dump() if PYDANTIC_V2 else u.dict()'),
    compat('return u.dict() if PYDANTIC_V1 else u.model_dump()'),
    compat('if pydantic.VERSION.startswith("1"):\n    return u.dict()\nreturn u.model_dump()'),
    compat('if pydantic.VERSION < "2":\n    return u.dict()\nreturn u.model_dump()'),
    compat('if int(pydantic.VERSION.split(".")[0]) >= 2:\n    return u.model_dump()\nreturn u.dict()'),
    compat('if compat.IS_PYDANTIC_V2 and u.name:\n    return u.model_dump()\nelif not compat.IS_PYDANTIC_V2:\n    return u.dict()'),
    compat('if hasattr(u, "model_dump"):\n    return u.model_dump()\nreturn u.dict()'),
    compat('try:\n    return u.model_dump()\nexcept AttributeError:\n    return u.dict()'),
    // a version test deprecfix cannot read: neither branch is judged
    compat('if pydantic.VERSION in SUPPORTED:\n    return u.dict()\nreturn u.model_dump()'),
    `${COMPAT}\nclass Legacy(BaseModel):\n    if PYDANTIC_V1:\n        class Config:\n            orm_mode = True\n`,
  ],
  invalid: [
    // the pydantic 2 side of a version test, and code after a pydantic 1 early return, are judged as usual
    fixed(compat('if PYDANTIC_V2:\n    return u.dict()\nreturn {}'), compat('if PYDANTIC_V2:\n    return u.model_dump()\nreturn {}')),
    fixed(compat('if PYDANTIC_V1:\n    return {}\nreturn u.dict()'), compat('if PYDANTIC_V1:\n    return {}\nreturn u.model_dump()')),
    fixed(compat('if PYDANTIC_V1:\n    log()\nreturn u.dict()'), compat('if PYDANTIC_V1:\n    log()\nreturn u.model_dump()')),
    fixed(compat('if u.name:\n    return u.dict()\nreturn {}'), compat('if u.name:\n    return u.model_dump()\nreturn {}')),
    fixed(compat('try:\n    return u.dict()\nexcept AttributeError:\n    return {}'), compat('try:\n    return u.model_dump()\nexcept AttributeError:\n    return {}')),
  ],
});

ruleTester.run('py-pydantic-v1: methods and their arguments', rule, {
  valid: [
    // unittest.mock's and pytest-mock's dictionary patcher: `patch.dict`, never a model's dict()
    'from unittest import mock\nimport os\n\n@mock.patch.dict(os.environ, {"A": "1"})\ndef test_a():\n    pass\n',
    'from unittest.mock import patch\nimport os\nwith patch.dict(os.environ, {"A": "1"}):\n    pass\n',
    'import os\n\ndef test_b(mocker):\n    mocker.patch.dict(os.environ, {"A": "1"})\n',
    // the pydantic 2 API itself
    `${MODEL}\ndef f(u: User):\n    u.model_dump()\n    User.model_validate({})\n`,
  ],
  invalid: [
    fixed(`${MODEL}\ndef f(u: User):\n    return u.dict()\n`, `${MODEL}\ndef f(u: User):\n    return u.model_dump()\n`),
    fixed(
      `${MODEL}\ndef f(u: User):\n    return u.dict(exclude_none=True, by_alias=True, include={"name"})\n`,
      `${MODEL}\ndef f(u: User):\n    return u.model_dump(exclude_none=True, by_alias=True, include={"name"})\n`,
    ),
    // v1's deprecated skip_defaults= is exclude_unset=; pydantic 2's dict()/json() raise TypeError on it: a repair
    repaired(`${MODEL}\ndef f(u: User):\n    return u.dict(skip_defaults=True)\n`, `${MODEL}\ndef f(u: User):\n    return u.model_dump(exclude_unset=True)\n`),
    repaired(`${MODEL}\ndef f(u: User):\n    return u.json(skip_defaults=True)\n`, `${MODEL}\ndef f(u: User):\n    return u.model_dump_json(exclude_unset=True)\n`),
    unfixable(`${MODEL}\ndef f(u: User):\n    return u.dict(skip_defaults=True, exclude_unset=False)\n`, [`${METHOD}/unsupported-form`]),
    fixed(`${MODEL}\ndef f(u: User):\n    return u.json(exclude_unset=True)\n`, `${MODEL}\ndef f(u: User):\n    return u.model_dump_json(exclude_unset=True)\n`),
    // json() arguments that pydantic 2 removed (TypeError there): a kind of their own, with its reason
    unfixable(`${MODEL}\ndef f(u: User):\n    return u.json(encoder=str)\n`, ['pydantic-v1-json-argument']),
    unfixable(`${MODEL}\ndef f(u: User):\n    return u.json(models_as_dict=False)\n`, ['pydantic-v1-json-argument']),
    // ... on any receiver: requests', httpx's and aiohttp's .json() raise TypeError on them too (json.loads rejects them)
    unfixable(`import requests\n\ndef f(r):\n    requests.get("x").json(encoder=str)\n    return r.json(indent=2, models_as_dict=False)\n`, [
      'pydantic-v1-json-argument',
      'pydantic-v1-json-argument',
    ]),
    // json.dumps keywords also raise on pydantic 2, but are common on other .json() calls: unsupported-form on a proven model only
    unfixable(`${MODEL}\ndef f(u: User):\n    return u.json(indent=2)\n`, [`${METHOD}/unsupported-form`]),
    unfixable(`${MODEL}\ndef f(u: User):\n    return u.json(indent=2, sort_keys=True)\n`, [`${METHOD}/unsupported-form`]),
    unfixable(`${MODEL}\ndef f(u: User, args):\n    return u.dict(*args)\n`, [`${METHOD}/unsupported-form`]),
    // **kwargs may hold keywords that dict() rejected and model_dump() accepts
    {
      code: `${MODEL}\ndef f(u: User, **kwargs):\n    return u.dict(**kwargs)\n`,
      output: null,
      errors: [{ messageId: `${METHOD}/unsafe`, suggestions: [{ messageId: 'unsafeSuggestion', output: `${MODEL}\ndef f(u: User, **kwargs):\n    return u.model_dump(**kwargs)\n` }] }],
    },
    fixed(`${MODEL}\nUser.parse_obj({"name": "a"})\n`, `${MODEL}\nUser.model_validate({"name": "a"})\n`),
    unfixable(`${MODEL}\nUser.parse_obj(obj={"name": "a"})\n`, [`${METHOD}/unsupported-form`]),
    fixed(`${MODEL}\nUser.validate({"name": "a"})\n`, `${MODEL}\nUser.model_validate({"name": "a"})\n`),
    fixed(`${MODEL}\nUser.construct(name="a")\n`, `${MODEL}\nUser.model_construct(name="a")\n`),
    fixed(`${MODEL}\nUser.construct({"name"}, name="a")\n`, `${MODEL}\nUser.model_construct({"name"}, name="a")\n`),
    fixed(`${MODEL}\nUser.schema()\nUser.schema(by_alias=False)\n`, `${MODEL}\nUser.model_json_schema()\nUser.model_json_schema(by_alias=False)\n`, [METHOD, METHOD]),
    unfixable(`${MODEL}\nUser.schema_json(indent=2)\n`, [`${METHOD}/no-replacement`]),
    unfixable(`${MODEL}\nUser.parse_file("user.json")\n`, [`${METHOD}/no-replacement`]),
    // parse_raw: model_validate_json validates in JSON mode and raises other errors for broken JSON
    unsafe(`${MODEL}\nUser.parse_raw(body)\n`, `${MODEL}\nUser.model_validate_json(body)\n`),
    unfixable(`${MODEL}\nUser.parse_raw(body, content_type="application/pickle", allow_pickle=True)\n`, [`${METHOD}/unsupported-form`]),
    fixed(`${MODEL}\ndef f(u: User):\n    return u.copy()\n`, `${MODEL}\ndef f(u: User):\n    return u.model_copy()\n`),
    fixed(`${MODEL}\ndef f(u: User):\n    return u.copy(update={"name": "b"})\n`, `${MODEL}\ndef f(u: User):\n    return u.model_copy(update={"name": "b"})\n`),
    fixed(`${MODEL}\ndef f(u: User):\n    return u.copy(deep=True)\n`, `${MODEL}\ndef f(u: User):\n    return u.model_copy(deep=True)\n`),
    unfixable(`${MODEL}\ndef f(u: User):\n    return u.copy(include={"name"})\n`, [`${METHOD}/unsupported-form`]),
    unfixable(`${MODEL}\ndef f(u: User):\n    return u.copy(exclude={"name"})\n`, [`${METHOD}/unsupported-form`]),
    // copy(update=, deep=True) deep-copied the update values too; model_copy does not
    unsafe(`${MODEL}\ndef f(u: User):\n    return u.copy(update={"name": "b"}, deep=True)\n`, `${MODEL}\ndef f(u: User):\n    return u.model_copy(update={"name": "b"}, deep=True)\n`),
    // update_forward_refs: identical as a statement of the defining module; elsewhere model_rebuild resolves in the caller's frame
    fixed(`${MODEL}\nUser.update_forward_refs()\n`, `${MODEL}\nUser.model_rebuild(force=True)\n`),
    unsafe(`${MODEL}\ndef setup():\n    User.update_forward_refs()\n`, `${MODEL}\ndef setup():\n    User.model_rebuild(force=True)\n`),
    unfixable(`${MODEL}\nUser.update_forward_refs(Address=dict)\n`, [`${METHOD}/unsupported-form`]),
    // an instance method on the class, a method passed around uncalled
    unfixable(`${MODEL}\ndef f(u: User):\n    return User.dict(u)\n`, [`${METHOD}/unsupported-form`]),
    unfixable(`${MODEL}\ndef f(users: list[User]):\n    return list(map(User.parse_obj, users))\n`, [`${METHOD}/unsupported-form`]),
    // nested findings compose in one pass
    fixed(`${MODEL}\nUser.parse_obj(data).json()\n`, `${MODEL}\nUser.model_validate(data).model_dump_json()\n`, [METHOD, METHOD]),
    // comments and line breaks stay
    repaired(
      `${MODEL}\ndef f(u: User):\n    return u.dict(\n        # keep me\n        skip_defaults=True,\n    )\n`,
      `${MODEL}\ndef f(u: User):\n    return u.model_dump(\n        # keep me\n        exclude_unset=True,\n    )\n`,
    ),
  ],
});

ruleTester.run('py-pydantic-v1: from_orm and configuration', rule, {
  valid: [
    // a class-based config with pydantic 2 keys only works as written
    `from pydantic import BaseModel\n\nclass A(BaseModel):\n    class Config:\n        from_attributes = True\n        extra = "forbid"\n`,
    // a Config class outside a model, and in a pydantic.v1 model
    `class Settings:\n    class Config:\n        orm_mode = True\n`,
    `from pydantic.v1 import BaseModel\n\nclass A(BaseModel):\n    class Config:\n        orm_mode = True\n`,
  ],
  invalid: [
    {
      // pydantic 2 ignores orm_mode (a UserWarning at import), so from_orm raises PydanticUserError: both rewrites repair
      code: py`
        from pydantic import BaseModel

        class UserOut(BaseModel):
            id: int
            class Config:
                orm_mode = True

        UserOut.from_orm(row)
      `,
      output: py`
        from pydantic import BaseModel, ConfigDict

        class UserOut(BaseModel):
            id: int
            model_config = ConfigDict(from_attributes=True)

        UserOut.model_validate(row, from_attributes=True)
      `,
      errors: [{ messageId: 'pydantic-v1-config/repair', line: 5 }, { messageId: `${METHOD}/repair`, line: 8 }],
    },
    {
      // `import pydantic`: ConfigDict through the module; a multi-line value keeps its lines
      code: py`
        import pydantic

        class A(pydantic.BaseModel):
            name: str
            class Config:
                anystr_strip_whitespace = True
                schema_extra = {
                    "example": {"name": "x"},
                }
      `,
      output: null,
      errors: [
        {
          messageId: 'pydantic-v1-config/unsafe',
          suggestions: [
            {
              messageId: 'unsafeSuggestion',
              output: py`
                import pydantic

                class A(pydantic.BaseModel):
                    name: str
                    model_config = pydantic.ConfigDict(
                        str_strip_whitespace=True,
                        json_schema_extra={
                            "example": {"name": "x"},
                        },
                    )
              `,
            },
          ],
        },
      ],
    },
    // an aliased ConfigDict import is reused; smart_union = True is what pydantic 2 does anyway: safe
    fixed(
      `from pydantic import BaseModel, ConfigDict as CD\n\nclass A(BaseModel):\n    class Config:\n        smart_union = True\n        extra = "allow"\n`,
      `from pydantic import BaseModel, ConfigDict as CD\n\nclass A(BaseModel):\n    model_config = CD(extra="allow")\n`,
      ['pydantic-v1-config'],
    ),
    // `import pydantic` beside `from pydantic import BaseModel`: the module's ConfigDict, no import edit
    {
      code: `import pydantic\nfrom pydantic import BaseModel\n\nclass A(BaseModel):\n    class Config:\n        validate_all = True\n`,
      output: null,
      errors: [
        {
          messageId: 'pydantic-v1-config/unsafe',
          suggestions: [{ messageId: 'unsafeSuggestion', output: `import pydantic\nfrom pydantic import BaseModel\n\nclass A(BaseModel):\n    model_config = pydantic.ConfigDict(validate_default=True)\n` }],
        },
      ],
    },
    // no `from pydantic import …` to extend: ConfigDict gets an import line of its own after the last import
    {
      code: `from pydantic.main import BaseModel\n\nclass A(BaseModel):\n    class Config:\n        allow_population_by_field_name = True\n`,
      output: `from pydantic.main import BaseModel\nfrom pydantic import ConfigDict\n\nclass A(BaseModel):\n    model_config = ConfigDict(populate_by_name=True)\n`,
      errors: [{ messageId: 'pydantic-v1-config/repair' }],
    },
    // removed keys (allow_mutation → frozen is inverted and makes instances hashable), methods, bases, comments: by hand
    unfixable(`from pydantic import BaseModel\n\nclass A(BaseModel):\n    class Config:\n        allow_mutation = False\n`, ['pydantic-v1-config/config-not-rewritable']),
    unfixable(
      `from pydantic import BaseModel\n\nclass A(BaseModel):\n    class Config:\n        orm_mode = True\n\n        @staticmethod\n        def schema_extra(schema, model):\n            pass\n`,
      ['pydantic-v1-config/config-not-rewritable'],
    ),
    unfixable(`from pydantic import BaseModel, BaseConfig\n\nclass A(BaseModel):\n    class Config(BaseConfig):\n        orm_mode = True\n`, ['pydantic-v1-config/config-not-rewritable']),
    unfixable(`from pydantic import BaseModel\n\nclass A(BaseModel):\n    class Config:\n        # rows come from SQLAlchemy\n        orm_mode = True\n`, ['pydantic-v1-config/config-not-rewritable']),
    unfixable(`from pydantic import BaseModel\n\nclass A(BaseModel):\n    class Config:\n        orm_mode = True\n        from_attributes = False\n`, ['pydantic-v1-config/config-not-rewritable']),
    // ConfigDict is another thing here
    unfixable(`from pydantic import BaseModel\nfrom settings import ConfigDict\n\nclass A(BaseModel):\n    class Config:\n        orm_mode = True\n`, ['pydantic-v1-config/name-conflict']),
    fixed(
      py`
        from pydantic import BaseModel, ConfigDict

        class Base(BaseModel):
            model_config = ConfigDict(from_attributes=True)

        class UserOut(Base):
            id: int

        UserOut.from_orm(row)
      `,
      py`
        from pydantic import BaseModel, ConfigDict

        class Base(BaseModel):
            model_config = ConfigDict(from_attributes=True)

        class UserOut(Base):
            id: int

        UserOut.model_validate(row, from_attributes=True)
      `,
    ),
    // pydantic 2's from_orm raises unless from_attributes is configured; the rewrite does not: a repair
    repaired(`${MODEL}\nUser.from_orm(row)\n`, `${MODEL}\nUser.model_validate(row, from_attributes=True)\n`),
    unfixable(`${MODEL}\nUser.from_orm(row, extra)\n`, [`${METHOD}/unsupported-form`]),
    // serialize_by_alias (pydantic 2.11): model_dump() would follow it, dict() passed by_alias=False
    fixed(
      py`
        from pydantic import BaseModel, ConfigDict

        class User(BaseModel):
            model_config = ConfigDict(serialize_by_alias=True)

        def f(u: User):
            return u.dict(exclude_none=True), u.json(), u.dict(by_alias=True)
      `,
      py`
        from pydantic import BaseModel, ConfigDict

        class User(BaseModel):
            model_config = ConfigDict(serialize_by_alias=True)

        def f(u: User):
            return u.model_dump(exclude_none=True, by_alias=False), u.model_dump_json(by_alias=False), u.model_dump(by_alias=True)
      `,
      [METHOD, METHOD, METHOD],
    ),
    {
      // the message names the call the fix writes, keyword included
      code: `from pydantic import BaseModel, ConfigDict\n\nclass User(BaseModel):\n    model_config = ConfigDict(serialize_by_alias=True)\n\ndef f(u: User):\n    return u.dict(exclude_none=True), u.json()\n`,
      output: `from pydantic import BaseModel, ConfigDict\n\nclass User(BaseModel):\n    model_config = ConfigDict(serialize_by_alias=True)\n\ndef f(u: User):\n    return u.model_dump(exclude_none=True, by_alias=False), u.model_dump_json(by_alias=False)\n`,
      errors: [
        { messageId: METHOD, data: { name: 'dict()', replacement: 'model_dump(…, by_alias=False)' } },
        { messageId: METHOD, data: { name: 'json()', replacement: 'model_dump_json(by_alias=False)' } },
      ],
    },
    // a private attribute was deep-copied apart from the fields by the old copy()
    unsafe(
      py`
        from pydantic import BaseModel, PrivateAttr

        class User(BaseModel):
            _cache: dict = PrivateAttr(default_factory=dict)

        def f(u: User):
            return u.copy(deep=True)
      `,
      py`
        from pydantic import BaseModel, PrivateAttr

        class User(BaseModel):
            _cache: dict = PrivateAttr(default_factory=dict)

        def f(u: User):
            return u.model_copy(deep=True)
      `,
    ),
    // extra="allow": model_copy(update=) puts unknown keys into the extras
    unsafe(
      py`
        from pydantic import BaseModel

        class Event(BaseModel, extra="allow"):
            kind: str

        def f(e: Event):
            return e.copy(update={"source": "api"})
      `,
      py`
        from pydantic import BaseModel

        class Event(BaseModel, extra="allow"):
            kind: str

        def f(e: Event):
            return e.model_copy(update={"source": "api"})
      `,
    ),
    // an own model_validate was called by from_orm without from_attributes
    unsafe(
      py`
        from pydantic import BaseModel, ConfigDict

        class User(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            @classmethod
            def model_validate(cls, obj):
                return super().model_validate(obj)

        User.from_orm(row)
      `,
      py`
        from pydantic import BaseModel, ConfigDict

        class User(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            @classmethod
            def model_validate(cls, obj):
                return super().model_validate(obj)

        User.model_validate(row, from_attributes=True)
      `,
    ),
    // the model overrides model_dump: dict() called it with every argument spelled out
    unsafe(
      py`
        from pydantic import BaseModel

        class User(BaseModel):
            def model_dump(self, by_alias=True, **kwargs):
                return super().model_dump(by_alias=by_alias, **kwargs)

        def f(u: User):
            return u.dict()
      `,
      py`
        from pydantic import BaseModel

        class User(BaseModel):
            def model_dump(self, by_alias=True, **kwargs):
                return super().model_dump(by_alias=by_alias, **kwargs)

        def f(u: User):
            return u.model_dump()
      `,
    ),
  ],
});

ruleTester.run('py-pydantic-v1: receiver proof', rule, {
  valid: [
    // HTTP responses are never findings
    py`
      import requests
      import httpx

      r = requests.get("https://example.com")
      r.json()
      requests.post("https://example.com").json()

      async def fetch(client: httpx.AsyncClient):
          response = await client.get("/")
          return response.json()
    `,
    py`
      from starlette.requests import Request
      from starlette.responses import Response

      async def endpoint(request: Request, response: Response):
          payload = await request.json()
          return response.json()
    `,
    // unproven json/copy/validate/schema/construct: too common a name to report
    py`
      def f(x, data):
          x.json()
          x.copy()
          x.validate()
          x.schema()
          x.construct()
          data.copy()
    `,
    // dicts and literals
    `settings = {"a": 1}\ncopy = settings.copy()\n`,
    `def f(items: dict[str, int], names: list[str]):\n    return items.copy(), names.copy()\n`,
    // a class of the project that is not a model, with methods of the same name
    py`
      class Settings:
          def dict(self):
              return {}

          def parse_obj(self, data):
              return data

      s = Settings()
      s.dict()
      Settings().parse_obj({})
    `,
    // a model's own method of the same name
    py`
      from pydantic import BaseModel

      class PlanOut(BaseModel):
          id: int

          @classmethod
          def from_orm(cls, plan) -> "PlanOut":
              return cls(id=plan.id)

          def dict(self, **kwargs):
              return {"id": self.id}

      PlanOut.from_orm(row)
      PlanOut(id=1).dict()
    `,
    // a field that shadows a method name
    py`
      from pydantic import BaseModel

      class Doc(BaseModel):
          schema: str = ""
          json: str = ""

      def f(d: Doc):
          return d.schema, d.json
    `,
    // pydantic.v1 models keep the v1 API: never rewritten to pydantic 2
    py`
      from pydantic.v1 import BaseModel

      class Legacy(BaseModel):
          name: str

      def f(m: Legacy):
          Legacy.parse_obj({})
          return m.dict(), m.json(), Legacy.__fields__
    `,
    py`
      import pydantic.v1 as pydantic

      class Legacy(pydantic.BaseModel):
          name: str

      Legacy(name="a").dict()
    `,
    py`
      from pydantic import v1 as pv1

      class Base(pv1.BaseModel):
          pass

      class Legacy(Base):
          pass

      Legacy.parse_obj({}).dict()
    `,
    // a name bound only to None
    `value = None\nvalue.dict()\n`,
    // an assignment expression in a comprehension rebinds the name in the function
    `${MODEL}\nuser = User()\n\ndef f(rows):\n    if any((user := row) for row in rows):\n        return user.copy()\n`,
    // a local binding that shadows the model class
    py`
      from pydantic import BaseModel

      class User(BaseModel):
          name: str

      def f(User):
          return User.copy()
    `,
  ],
  invalid: [
    // unproven dict/parse_obj/from_orm: reported, never fixed
    unfixable(`def f(row, payload, Model):\n    row.dict()\n    Model.parse_obj(payload)\n    Model.from_orm(row)\n`, [
      `${METHOD}/receiver-unproven`,
      `${METHOD}/receiver-unproven`,
      `${METHOD}/receiver-unproven`,
    ]),
    unfixable(`def f(model):\n    return model.__fields__\n`, [`${ATTRIBUTE}/receiver-unproven`]),
    // a variable that is a model on one path and a dict on another
    unfixable(`${MODEL}\ndef f(flag):\n    u = User() if flag else {}\n    return u.dict()\n`, [`${METHOD}/receiver-unproven`]),
    // a mixin's self may be a model
    unfixable(`class DictMixin:\n    def payload(self):\n        return self.dict()\n`, [`${METHOD}/receiver-unproven`]),
    // Optional[M], M | None, a string annotation
    fixed(
      `from typing import Optional\n${MODEL}\ndef f(a: Optional[User], b: User | None, c: "User"):\n    return a.dict(), b.dict(), c.dict()\n`,
      `from typing import Optional\n${MODEL}\ndef f(a: Optional[User], b: User | None, c: "User"):\n    return a.model_dump(), b.model_dump(), c.model_dump()\n`,
      [METHOD, METHOD, METHOD],
    ),
    // values built by the model, or returned by a function annotated with it
    fixed(
      py`
        from pydantic import BaseModel

        class User(BaseModel):
            name: str = ""

        def load() -> User:
            return User()

        async def fetch() -> "User":
            return User()

        async def main(data):
            a = User(**data)
            b = User.parse_obj(data)
            c = load()
            d = await fetch()
            e = a.copy()
            return a.dict(), b.dict(), c.dict(), d.dict(), e.dict()
      `,
      py`
        from pydantic import BaseModel

        class User(BaseModel):
            name: str = ""

        def load() -> User:
            return User()

        async def fetch() -> "User":
            return User()

        async def main(data):
            a = User(**data)
            b = User.model_validate(data)
            c = load()
            d = await fetch()
            e = a.model_copy()
            return a.model_dump(), b.model_dump(), c.model_dump(), d.model_dump(), e.model_dump()
      `,
      Array(7).fill(METHOD),
    ),
    // a method annotated to return Self
    fixed(
      py`
        from typing import Self
        from pydantic import BaseModel

        class User(BaseModel):
            name: str = ""

            def renamed(self, name: str) -> Self:
                return self.model_copy(update={"name": name})

        def f(u: User):
            return u.renamed("b").dict()
      `,
      py`
        from typing import Self
        from pydantic import BaseModel

        class User(BaseModel):
            name: str = ""

            def renamed(self, name: str) -> Self:
                return self.model_copy(update={"name": name})

        def f(u: User):
            return u.renamed("b").model_dump()
      `,
    ),
    // a coroutine that was not awaited is not a model
    unfixable(`${MODEL}\nasync def fetch() -> User:\n    return User()\n\ndef f():\n    return fetch().dict()\n`, [`${METHOD}/receiver-unproven`]),
    // self and cls in a model's methods, super(), type(self)
    fixed(
      py`
        from pydantic import BaseModel, validator

        class User(BaseModel):
            name: str = ""

            def payload(self):
                return self.dict(exclude_none=True)

            @classmethod
            def load(cls, data):
                return cls.parse_obj(data)

            @validator("name")
            def strip(cls, value):
                return cls.__fields__ and value

            def clone(self):
                return type(self).parse_obj(self.dict())
      `,
      py`
        from pydantic import BaseModel, validator

        class User(BaseModel):
            name: str = ""

            def payload(self):
                return self.model_dump(exclude_none=True)

            @classmethod
            def load(cls, data):
                return cls.model_validate(data)

            @validator("name")
            def strip(cls, value):
                return cls.model_fields and value

            def clone(self):
                return type(self).model_validate(self.model_dump())
      `,
      [METHOD, METHOD, ATTRIBUTE, METHOD, METHOD],
    ),
    {
      code: py`
        from pydantic import BaseModel

        class User(BaseModel):
            name: str = ""

            def dict(self, **kwargs):
                return super().dict(by_alias=True, **kwargs)
      `,
      output: null,
      errors: [
        {
          messageId: `${METHOD}/unsafe`,
          suggestions: [
            {
              messageId: 'unsafeSuggestion',
              output: py`
                from pydantic import BaseModel

                class User(BaseModel):
                    name: str = ""

                    def dict(self, **kwargs):
                        return super().model_dump(by_alias=True, **kwargs)
              `,
            },
          ],
        },
      ],
    },
    // loops, comprehensions, fields of models, items of lists and dicts
    fixed(
      py`
        from typing import Dict, List
        from pydantic import BaseModel

        class Address(BaseModel):
            city: str

        class Customer(BaseModel):
            address: Address
            previous: List[Address] = []

        def f(customers: list[Customer], by_id: Dict[int, Customer]):
            for customer in customers:
                customer.address.dict()
            cities = [c.json() for c in customers]
            return customers[0].dict(), by_id[1].previous[0].dict()
      `,
      py`
        from typing import Dict, List
        from pydantic import BaseModel

        class Address(BaseModel):
            city: str

        class Customer(BaseModel):
            address: Address
            previous: List[Address] = []

        def f(customers: list[Customer], by_id: Dict[int, Customer]):
            for customer in customers:
                customer.address.model_dump()
            cities = [c.model_dump_json() for c in customers]
            return customers[0].model_dump(), by_id[1].previous[0].model_dump()
      `,
      [METHOD, METHOD, METHOD, METHOD],
    ),
    // an annotated declaration is the variable's type; module-level variables; typing under an alias; fields of a dataclass
    fixed(
      py`
        import typing as t
        from dataclasses import dataclass
        from pydantic import BaseModel

        class User(BaseModel):
            name: str = ""

        current = User()

        @dataclass
        class Session:
            user: t.Optional[User] = None

        def f(session: Session, users: t.List["User"]):
            u: User
            u = make_user()
            return u.dict(), current.dict(), session.user.dict(), users[0].dict()
      `,
      py`
        import typing as t
        from dataclasses import dataclass
        from pydantic import BaseModel

        class User(BaseModel):
            name: str = ""

        current = User()

        @dataclass
        class Session:
            user: t.Optional[User] = None

        def f(session: Session, users: t.List["User"]):
            u: User
            u = make_user()
            return u.model_dump(), current.model_dump(), session.user.model_dump(), users[0].model_dump()
      `,
      [METHOD, METHOD, METHOD, METHOD],
    ),
    // attributes: __fields__ (same FieldInfo mapping as model_fields on pydantic 2), __fields_set__
    fixed(
      `${MODEL}\ndef f(u: User):\n    return User.__fields__, u.__fields__, u.__fields_set__\n`,
      `${MODEL}\ndef f(u: User):\n    return User.model_fields, u.model_fields, u.model_fields_set\n`,
      [ATTRIBUTE, ATTRIBUTE, ATTRIBUTE],
    ),
    unfixable(`${MODEL}\nUser.__fields_set__\n`, [`${ATTRIBUTE}/unsupported-form`]),
    unfixable(`${MODEL}\ndef f(u: User):\n    u.__fields_set__ = set()\n`, [`${ATTRIBUTE}/unsupported-form`]),
  ],
});

ruleTester.run('py-pydantic-v1: model classes in every import form', rule, {
  valid: [],
  invalid: [
    fixed(
      `import pydantic\n\nclass User(pydantic.BaseModel):\n    pass\n\nUser().dict()\n`,
      `import pydantic\n\nclass User(pydantic.BaseModel):\n    pass\n\nUser().model_dump()\n`,
    ),
    fixed(
      `from pydantic import BaseModel as PydanticModel\n\nclass User(PydanticModel):\n    pass\n\nUser().dict()\n`,
      `from pydantic import BaseModel as PydanticModel\n\nclass User(PydanticModel):\n    pass\n\nUser().model_dump()\n`,
    ),
    fixed(
      `from pydantic.main import BaseModel\n\nclass User(BaseModel):\n    pass\n\nUser().dict()\n`,
      `from pydantic.main import BaseModel\n\nclass User(BaseModel):\n    pass\n\nUser().model_dump()\n`,
    ),
    fixed(
      `from pydantic_settings import BaseSettings, SettingsConfigDict\n\nclass Settings(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix="APP_")\n    debug: bool = False\n\nSettings().dict()\n`,
      `from pydantic_settings import BaseSettings, SettingsConfigDict\n\nclass Settings(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix="APP_")\n    debug: bool = False\n\nSettings().model_dump()\n`,
    ),
    // a configuration that cannot be read: dict() keeps its by_alias=False
    fixed(
      `from pydantic import BaseModel\n\nclass User(BaseModel):\n    model_config = SHARED_CONFIG\n\nUser().dict()\n`,
      `from pydantic import BaseModel\n\nclass User(BaseModel):\n    model_config = SHARED_CONFIG\n\nUser().model_dump(by_alias=False)\n`,
    ),
    // a subclass of a subclass; a generic model
    fixed(
      py`
        from typing import Generic, TypeVar
        from pydantic import BaseModel

        T = TypeVar("T")

        class Base(BaseModel):
            pass

        class UserBase(Base):
            name: str

        class AdminOut(UserBase):
            level: int

        class Page(BaseModel, Generic[T]):
            items: list[T]

        def f(admin: AdminOut, page: Page[AdminOut]):
            return admin.dict(), page.dict()
      `,
      py`
        from typing import Generic, TypeVar
        from pydantic import BaseModel

        T = TypeVar("T")

        class Base(BaseModel):
            pass

        class UserBase(Base):
            name: str

        class AdminOut(UserBase):
            level: int

        class Page(BaseModel, Generic[T]):
            items: list[T]

        def f(admin: AdminOut, page: Page[AdminOut]):
            return admin.model_dump(), page.model_dump()
      `,
      [METHOD, METHOD],
    ),
    // SQLModel: from_attributes is its default, parse_obj/from_orm take update=
    fixed(
      py`
        from sqlmodel import SQLModel, Field

        class Hero(SQLModel, table=True):
            id: int | None = Field(default=None, primary_key=True)

        Hero.from_orm(row)
        Hero.parse_obj(data, update={"id": 1})
      `,
      py`
        from sqlmodel import SQLModel, Field

        class Hero(SQLModel, table=True):
            id: int | None = Field(default=None, primary_key=True)

        Hero.model_validate(row, from_attributes=True)
        Hero.model_validate(data, update={"id": 1})
      `,
      [METHOD, METHOD],
    ),
    // a model class defined inside a function (tests do this)
    fixed(
      `from pydantic import BaseModel\n\ndef test_dump():\n    class Item(BaseModel):\n        n: int = 0\n    item = Item()\n    assert item.dict() == {"n": 0}\n`,
      `from pydantic import BaseModel\n\ndef test_dump():\n    class Item(BaseModel):\n        n: int = 0\n    item = Item()\n    assert item.model_dump() == {"n": 0}\n`,
    ),
    // try pydantic.v1 first, fall back to pydantic: which one runs is not known statically
    unfixable(
      py`
        try:
            from pydantic.v1 import BaseModel
        except ImportError:
            from pydantic import BaseModel

        class User(BaseModel):
            pass

        User().dict()
      `,
      [`${METHOD}/receiver-unproven`],
    ),
  ],
});

ruleTester.run('py-pydantic-v1: version gate (settings)', rule, {
  valid: [
    // pydantic 1: the old API is the only one there is
    { code: `${MODEL}\nUser().dict()\nUser.parse_obj({})\nrow.dict()\n`, settings: pydantic('1.10.13') },
    { code: `${MODEL}\nUser().dict()\n`, settings: pydantic('^1.10') },
  ],
  invalid: [
    { ...fixed(`${MODEL}\nUser().dict()\n`, `${MODEL}\nUser().model_dump()\n`), settings: pydantic('>=2.4,<3') },
    // unknown: every finding stays, without a fix
    {
      ...unfixable(`${MODEL}\nUser().dict()\nUser.parse_raw(b)\nrow.dict()\n`, [`${METHOD}/version-unknown`, `${METHOD}/version-unknown`, `${METHOD}/version-unknown`]),
      settings: pydantic(null),
    },
    { ...unfixable(`${MODEL}\nUser().dict()\n`, [`${METHOD}/version-unknown`]), settings: pydantic('>=1.10') },
  ],
});

// --- repositories: models in other files --------------------------------------------------------------------

/** Writes files into a fresh directory (`{ "app/schemas.py": "…" }`). */
function repository(files: Record<string, string>): string {
  const dir = tempDir('deprecfix-pydantic-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const SCHEMAS = py`
  from pydantic import BaseModel as PydanticBaseModel
  from pydantic.v1 import BaseModel as V1Model

  class Schema(PydanticBaseModel):
      pass

  class UserOut(Schema):
      id: int

  class LegacyOut(V1Model):
      id: int
`;

// a RuleTester table over a repository in a temporary directory: the linted file is given by its absolute name
const shared = repository({
  'app/__init__.py': 'from .schemas import UserOut as PublicUser\n',
  'app/schemas.py': SCHEMAS,
  'app/admin/schemas.py': 'from ..schemas import UserOut\n\nclass AdminOut(UserOut):\n    level: int = 0\n',
  'app/star.py': 'from .schemas import *\n',
  'app/crud.py': 'from typing import Optional\n\nfrom app.schemas import UserOut\n\n\nasync def get_user(user_id: int) -> Optional[UserOut]:\n    ...\n',
});

ruleTester.run('py-pydantic-v1: a model defined in another file', rule, {
  valid: [
    { filename: path.join(shared, 'app/main.py'), code: 'from app.schemas import LegacyOut\n\ndef f(m: LegacyOut):\n    return m.dict()\n' },
    { filename: path.join(shared, 'app/main.py'), code: 'from .schemas import LegacyOut\nLegacyOut.parse_obj({}).json()\n' },
  ],
  invalid: [
    fixed(
      'from app.schemas import UserOut\n\ndef f(u: UserOut):\n    return u.dict()\n',
      'from app.schemas import UserOut\n\ndef f(u: UserOut):\n    return u.model_dump()\n',
    ),
    fixed('from .schemas import UserOut\nUserOut.parse_obj({}).json()\n', 'from .schemas import UserOut\nUserOut.model_validate({}).model_dump_json()\n', [METHOD, METHOD]),
    fixed('from . import schemas\nschemas.UserOut.parse_obj({})\n', 'from . import schemas\nschemas.UserOut.model_validate({})\n'),
    fixed('import app.schemas as s\ns.UserOut(id=1).dict()\n', 'import app.schemas as s\ns.UserOut(id=1).model_dump()\n'),
    fixed('import app.schemas\napp.schemas.UserOut(id=1).dict()\n', 'import app.schemas\napp.schemas.UserOut(id=1).model_dump()\n'),
    // a re-export through the package, a star import, a subclass of a subclass in a third file
    fixed('from app import PublicUser\nPublicUser(id=1).dict()\n', 'from app import PublicUser\nPublicUser(id=1).model_dump()\n'),
    fixed('from .star import UserOut\nUserOut(id=1).dict()\n', 'from .star import UserOut\nUserOut(id=1).model_dump()\n'),
    fixed('from app.admin.schemas import AdminOut\nAdminOut.parse_obj({})\n', 'from app.admin.schemas import AdminOut\nAdminOut.model_validate({})\n'),
    // a function of another module annotated to return a model
    fixed(
      'from app.crud import get_user\n\nasync def show(user_id: int):\n    user = await get_user(user_id)\n    return user.json()\n',
      'from app.crud import get_user\n\nasync def show(user_id: int):\n    user = await get_user(user_id)\n    return user.model_dump_json()\n',
    ),
    // a module the repository does not have: a library's class, not proven
    unfixable('from somelib.models import UserOut\nUserOut(id=1).dict()\n', [`${METHOD}/receiver-unproven`]),
  ].map((row) => ({ ...row, filename: path.join(shared, 'app/main.py') })),
});

/** Lints one file of a repository with the repository as ESLint's cwd, as the CLI does. */
function lintIn(dir: string, file: string, settings: Record<string, unknown> = {}) {
  const linter = new Linter({ cwd: dir });
  const config = [
    {
      files: ['**/*.py'],
      plugins: { deprecfix: plugin as never },
      language: 'deprecfix/python',
      rules: { 'deprecfix/py-pydantic-v1': 'warn' },
      settings,
    },
  ] as never;
  const code = readFileSync(path.join(dir, file), 'utf8');
  const messages = linter.verify(code, config, { filename: path.join(dir, file) });
  const fixedOutput = linter.verifyAndFix(code, config, { filename: path.join(dir, file) }).output;
  return { messages, findings: messages.map((message) => parseMessageId(message.messageId ?? '')), output: fixedOutput };
}

describe('py-pydantic-v1 in a repository (ESLint cwd = the repository)', () => {
  beforeEach(() => {
    clearModelIndexCache();
    clearPydanticVersionCache();
  });

  it('proves a model of another file and reads the version from requirements.txt', () => {
    const dir = repository({
      'requirements.txt': 'fastapi==0.110.0\npydantic==2.6.4\n',
      'backend/api/schemas.py': SCHEMAS,
      'backend/api/main.py': 'import requests\nfrom api.schemas import UserOut\n\ndef handler(user: UserOut):\n    requests.get("x").json()\n    return user.dict(skip_defaults=True)\n',
    });
    const { findings, output } = lintIn(dir, 'backend/api/main.py');
    expect(findings).toEqual([{ kind: METHOD, fix: 'repair' }]);
    expect(output).toContain('return user.model_dump(exclude_unset=True)');
    expect(output).toContain('requests.get("x").json()');
  });

  it('reports nothing on pydantic 1 pinned in the repository', () => {
    const dir = repository({ 'requirements.txt': 'pydantic==1.10.13\n', 'app.py': `${MODEL}\nUser().dict()\nrow.dict()\n` });
    expect(lintIn(dir, 'app.py').messages).toEqual([]);
  });

  it('reports without fixes when the version cannot be determined', () => {
    const dir = repository({ 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["pydantic"]\n', 'app.py': `${MODEL}\nUser().dict()\n` });
    const { findings, output } = lintIn(dir, 'app.py');
    expect(findings).toEqual([{ kind: METHOD, fix: 'none', reason: 'library version could not be determined' }]);
    expect(output).toBe(`${MODEL}\nUser().dict()\n`);
  });

  it('settings.deprecfix.python.pydantic wins over the files', () => {
    const dir = repository({ 'requirements.txt': 'pydantic==1.10.13\n', 'app.py': `${MODEL}\nUser().dict()\n` });
    expect(lintIn(dir, 'app.py', pydantic('2.7.0')).findings).toEqual([{ kind: METHOD, fix: 'safe' }]);
  });

  it('re-reads a module whose file changed (mtime and size)', () => {
    const dir = repository({ 'requirements.txt': 'pydantic==2.6.4\n', 'models.py': 'from pydantic import BaseModel\n\nclass Item(BaseModel):\n    pass\n', 'main.py': 'from models import Item\nItem().dict()\n' });
    expect(lintIn(dir, 'main.py').findings).toEqual([{ kind: METHOD, fix: 'safe' }]);
    writeFileSync(path.join(dir, 'models.py'), 'class Item:\n    def dict(self):\n        return {}\n');
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(dir, 'models.py'), later, later);
    expect(lintIn(dir, 'main.py').findings).toEqual([]);
  });

  it('never reads outside the repository root', () => {
    const outer = repository({ 'models.py': 'from pydantic import BaseModel\n\nclass Item(BaseModel):\n    pass\n' });
    mkdirSync(path.join(outer, 'repo'));
    writeFileSync(path.join(outer, 'repo', 'main.py'), 'from models import Item\nItem().dict()\n');
    const { findings } = lintIn(path.join(outer, 'repo'), 'main.py', pydantic('2.6.4'));
    expect(findings).toEqual([{ kind: METHOD, fix: 'none', reason: 'receiver not proven a pydantic model' }]);
  });

  it('does not write the other files it reads', () => {
    const dir = repository({ 'requirements.txt': 'pydantic==2.6.4\n', 'schemas.py': SCHEMAS, 'main.py': 'from schemas import UserOut\nUserOut(id=1).dict()\n' });
    const before = readFileSync(path.join(dir, 'schemas.py'), 'utf8');
    lintIn(dir, 'main.py');
    expect(readFileSync(path.join(dir, 'schemas.py'), 'utf8')).toBe(before);
  });
});

// --- fixture pairs ----------------------------------------------------------------------------------------------

interface CaseOptions {
  unsafeFixes?: boolean;
  /** Where the input goes in the repository (default `app/main.py`), so that its relative imports resolve. */
  path?: string;
  /** The pydantic version pinned in the case's requirements.txt (default 2.5.0). */
  pydantic?: string;
  /** Other files of the repository, by relative path. */
  files?: Record<string, string>;
}

/**
 * Applies the rule's fixes (and, with unsafe fixes, the first suggestion of each message) until nothing changes,
 * as `deprecfix fix` applies the edits ESLint carries.
 */
function fixRepository(dir: string, file: string, unsafeFixes: boolean): string {
  const linter = new Linter({ cwd: dir });
  const config = [{ files: ['**/*.py'], plugins: { deprecfix: plugin as never }, language: 'deprecfix/python', rules: { 'deprecfix/py-pydantic-v1': 'warn' } }] as never;
  const filename = path.join(dir, file);
  let code = readFileSync(filename, 'utf8');
  for (let pass = 0; pass < 10; pass++) {
    const messages = linter.verify(code, config, { filename });
    const edits = messages
      .map((message) => message.fix ?? (unsafeFixes ? message.suggestions?.[0]?.fix : undefined))
      .filter((fix): fix is NonNullable<typeof fix> => fix !== undefined)
      .sort((a, b) => b.range[0] - a.range[0]);
    if (edits.length === 0) return code;
    let lastStart = Infinity;
    for (const edit of edits) {
      if (edit.range[1] > lastStart) continue; // overlapping: the next pass takes it
      code = code.slice(0, edit.range[0]) + edit.text + code.slice(edit.range[1]);
      lastStart = edit.range[0];
    }
  }
  return code;
}

describe('fixtures/py-pydantic-v1', () => {
  const root = path.join(packageRoot, 'fixtures', 'py-pydantic-v1');
  const cases = existsSync(root) ? readdirSync(root).sort() : [];

  it('has fixture pairs', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const name of cases) {
    it(name, () => {
      clearModelIndexCache();
      clearPydanticVersionCache();
      const caseDir = path.join(root, name);
      const optionsFile = path.join(caseDir, 'case.json');
      const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as CaseOptions) : {};
      const input = readFileSync(path.join(caseDir, 'input.py'), 'utf8');
      const expected = readFileSync(path.join(caseDir, 'output.py'), 'utf8');
      const target = options.path ?? 'app/main.py';
      const dir = repository({ 'requirements.txt': `pydantic==${options.pydantic ?? '2.5.0'}\n`, ...options.files, [target]: input });

      const output = fixRepository(dir, target, options.unsafeFixes ?? false);
      expect(output).toBe(expected);
      expect(output).not.toBe(input);
      // idempotent: the output has nothing more to rewrite
      writeFileSync(path.join(dir, target), output);
      expect(fixRepository(dir, target, options.unsafeFixes ?? false)).toBe(output);
      // the other files of the repository are read, never written
      for (const [other, content] of Object.entries(options.files ?? {})) expect(readFileSync(path.join(dir, other), 'utf8')).toBe(content);
    });
  }
});

describe('pydantic-v1-config: a Config class referenced as Model.Config', () => {
  beforeEach(() => {
    clearModelIndexCache();
    clearPydanticVersionCache();
    clearConfigReferenceCache();
  });

  it('is not rewritten when another file subclasses it (class Config(Base.Config)), which would break at import', () => {
    const base = 'from pydantic import BaseModel\n\n\nclass Base(BaseModel):\n    class Config:\n        orm_mode = True\n';
    const dir = repository({
      'requirements.txt': 'pydantic==2.13.4\n',
      'app/__init__.py': '',
      'app/base.py': base,
      'app/child.py': 'from app.base import Base\n\n\nclass Child(Base):\n    class Config(Base.Config):\n        orm_mode = True\n',
    });
    const { findings, output } = lintIn(dir, 'app/base.py');
    expect(findings).toEqual([{ kind: 'pydantic-v1-config', fix: 'none', reason: expect.stringContaining('referenced elsewhere') }]);
    expect(output).toBe(base);
    expect(lintIn(dir, 'app/child.py').findings).toEqual([{ kind: 'pydantic-v1-config', fix: 'none', reason: expect.stringContaining('more than plain assignments') }]);
  });

  it('is rewritten when nothing references it', () => {
    const dir = repository({
      'requirements.txt': 'pydantic==2.13.4\n',
      'app/base.py': 'from pydantic import BaseModel\n\n\nclass Base(BaseModel):\n    class Config:\n        orm_mode = True\n',
    });
    expect(lintIn(dir, 'app/base.py').output).toBe('from pydantic import BaseModel, ConfigDict\n\n\nclass Base(BaseModel):\n    model_config = ConfigDict(from_attributes=True)\n');
  });
});
