// A Python service in the shape of a real FastAPI one (issue 16): per feature a router, pydantic schemas, a
// SQLAlchemy model, a repository, a service and a test module, ~600 files and ~2 MB at the default size. About 10%
// of the files hold a deprecated call: `datetime.utcnow()` (and `default=datetime.utcnow`), pydantic v1 methods
// (`.dict()`, `.json()`, `parse_obj`, `from_orm`) on models the rule can prove are `BaseModel` subclasses (imported
// from `app.schemas.*`, annotated parameters). The rest use the v2 API, next to look-alikes that are not models
// (an httpx response's `.json()`, a dict's `.copy()`). Deterministic: the text is a function of the feature count.
import { json, pascal, random, snake } from './gen-common.mjs';
import { appFiles } from './service-py-app.mjs';
import { dataFiles, FIELD_POOL } from './service-py-data.mjs';

/** The default size: 99 features make ~600 files. */
export const SERVICE_PY_FEATURES = 99;

const NOUNS = [
  'invoice', 'payment', 'customer', 'order', 'shipment', 'product', 'inventory', 'warehouse', 'supplier', 'refund',
  'coupon', 'subscription', 'plan', 'user', 'role', 'permission', 'session', 'audit-log', 'notification', 'webhook',
  'report', 'tenant', 'address', 'carrier', 'price', 'discount', 'ledger', 'tax-rate', 'receipt', 'category', 'team',
  'project', 'ticket', 'comment',
];
const SUFFIXES = ['', 'event', 'note'];


export function pyFeatureInfo(i) {
  const noun = NOUNS[i % NOUNS.length];
  const suffix = SUFFIXES[Math.floor(i / NOUNS.length) % SUFFIXES.length];
  const name = snake(suffix ? `${noun}-${suffix}` : noun);
  return { index: i, name, Name: pascal(name) };
}

/** Which files of feature i hold deprecated calls (seeded). */
export function pyFeatureNeedles(i) {
  const next = random(7000 + i);
  return { service: next() < 0.3, router: next() < 0.12, model: next() < 0.1, tests: next() < 0.08 };
}

function coreFiles() {
  return {
    'app/__init__.py': '',
    'app/api/__init__.py': '',
    'app/api/routers/__init__.py': '',
    'app/schemas/__init__.py': '',
    'app/models/__init__.py': '',
    'app/services/__init__.py': '',
    'app/repositories/__init__.py': '',
    'app/core/__init__.py': '',
    'app/db/__init__.py': '',
    'tests/__init__.py': '',
    'app/core/config.py': `"""Settings from the environment (pydantic-settings)."""
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "postgresql+psycopg://localhost/service"
    page_size: int = 25
    public_base_url: str = "http://localhost:8000"


@lru_cache
def get_settings() -> Settings:
    return Settings()
`,
    'app/db/base.py': `from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
`,
    'app/db/session.py': `from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import get_settings

engine = create_engine(get_settings().database_url, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False)


def get_session() -> Iterator[Session]:
    session = SessionLocal()
    try:
        yield session
    finally:
        session.close()
`,
    'app/schemas/common.py': `from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int = 0
    limit: int = 25
`,
  };
}

function featureFiles(f, needles, dep) {
  const next = random(11000 + f.index);
  const fields = FIELD_POOL.filter((_, index) => index === 0 || next() < 0.75);
  const { name, Name } = f;
  const label = name.replaceAll('_', ' ');
  const fieldLines = fields.flatMap((field) => {
    const [type, fallback] = field.py.split(' = ');
    const words = field.name.replaceAll('_', ' ');
    return [
      `    ${field.name}: ${type} = Field(`,
      `        ${fallback === undefined ? '...' : `default=${fallback}`},`,
      `        description="The ${words} of the ${label}, as shown in the admin UI and the exports.",`,
      `        examples=[${field.sample}],`,
      '    )',
    ];
  });
  const imports = ['from datetime import datetime', 'from decimal import Decimal', 'from typing import Optional', ''];
  const ctx = { name, Name, label, fields, fieldLines, imports, needles, dep };
  return { ...dataFiles(ctx), ...appFiles(ctx) };
}

/** Every file of the Python service (relative path → text). */
export function servicePyFiles(features = SERVICE_PY_FEATURES) {
  const infos = Array.from({ length: features }, (_, i) => pyFeatureInfo(i));
  const files = {
    'requirements.txt': 'fastapi==0.111.0\npydantic==2.7.1\npydantic-settings==2.2.1\nSQLAlchemy==2.0.30\nhttpx==0.27.0\npytest==8.2.0\n',
    'pyproject.toml': '[project]\nname = "bench-service-py"\nversion = "1.0.0"\nrequires-python = ">=3.11"\n\n[tool.ruff]\ntarget-version = "py311"\n',
    'deprecfix.manifest.json': json({ version: 1, scopes: { service: ['app/**/*.py', 'tests/**/*.py'] } }),
    '.gitignore': '__pycache__/\ndeprecfix-report.*\n',
    ...coreFiles(),
    'app/main.py': [
      '"""The application: every router mounted under /api."""',
      'from fastapi import FastAPI',
      '',
      ...infos.map((f) => `from app.api.routers import ${f.name} as ${f.name}_router`),
      '',
      'app = FastAPI(title="bench service")',
      ...infos.map((f) => `app.include_router(${f.name}_router.router, prefix="/api")`),
      '',
    ].join('\n'),
  };
  for (const f of infos) {
    const dep = f.index > 0 ? pyFeatureInfo(Math.floor((f.index - 1) / 3)) : undefined;
    Object.assign(files, featureFiles(f, pyFeatureNeedles(f.index), dep));
  }
  return files;
}
