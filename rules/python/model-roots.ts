/** The library classes that make a class a pydantic model, and the libraries proven to define none. */

/** Classes that make a class a pydantic 2 model (every import path they are known under). */
export const V2_ROOTS = new Set([
  'pydantic.BaseModel',
  'pydantic.main.BaseModel',
  'pydantic.RootModel',
  'pydantic.root_model.RootModel',
  'sqlmodel.SQLModel',
  'sqlmodel.main.SQLModel',
  'pydantic_settings.BaseSettings',
  'pydantic_settings.main.BaseSettings',
]);

/** The roots whose deprecated methods are exactly pydantic's own (SQLModel, RootModel, BaseSettings add their own). */
export const PLAIN_ROOTS = new Set(['pydantic.BaseModel', 'pydantic.main.BaseModel']);

export const SQLMODEL_ROOTS = new Set(['sqlmodel.SQLModel', 'sqlmodel.main.SQLModel']);

/** Libraries (and the standard library) that define no pydantic models. */
export const NON_MODEL_MODULES = new Set([
  'builtins', 'typing', 'typing_extensions', 'abc', 'enum', 'dataclasses', 'collections', 'json', 'datetime', 'decimal',
  'uuid', 'pathlib', 're', 'os', 'sys', 'io', 'logging', 'asyncio', 'functools', 'itertools', 'contextlib', 'copy',
  'http', 'urllib', 'email', 'csv', 'time', 'math', 'random', 'string', 'types', 'inspect', 'threading', 'subprocess',
  'unittest', 'mock', 'socket', 'ssl', 'hashlib', 'hmac', 'base64', 'pickle', 'shutil', 'tempfile', 'argparse',
  'configparser', 'queue', 'multiprocessing', 'concurrent', 'weakref', 'warnings', 'traceback', 'operator', 'sqlite3',
  'requests', 'httpx', 'aiohttp', 'urllib3', 'starlette', 'sqlalchemy',
]);
