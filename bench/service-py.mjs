// A Python service in the shape of a real FastAPI one (issue 16): per feature a router, pydantic schemas, a
// SQLAlchemy model, a repository, a service and a test module, ~600 files and ~2 MB at the default size. About 10%
// of the files hold a deprecated call: `datetime.utcnow()` (and `default=datetime.utcnow`), pydantic v1 methods
// (`.dict()`, `.json()`, `parse_obj`, `from_orm`) on models the rule can prove are `BaseModel` subclasses (imported
// from `app.schemas.*`, annotated parameters). The rest use the v2 API, next to look-alikes that are not models
// (an httpx response's `.json()`, a dict's `.copy()`). Deterministic: the text is a function of the feature count.
import { json, pascal, random, snake } from './gen-common.mjs';

/** The default size: 99 features make ~600 files. */
export const SERVICE_PY_FEATURES = 99;

const NOUNS = [
  'invoice', 'payment', 'customer', 'order', 'shipment', 'product', 'inventory', 'warehouse', 'supplier', 'refund',
  'coupon', 'subscription', 'plan', 'user', 'role', 'permission', 'session', 'audit-log', 'notification', 'webhook',
  'report', 'tenant', 'address', 'carrier', 'price', 'discount', 'ledger', 'tax-rate', 'receipt', 'category', 'team',
  'project', 'ticket', 'comment',
];
const SUFFIXES = ['', 'event', 'note'];

const FIELD_POOL = [
  { name: 'name', py: 'str', column: 'String(120)', sample: '"Acme"' },
  { name: 'description', py: 'Optional[str] = None', column: 'Text', sample: '"first of the month"' },
  { name: 'amount', py: 'Decimal', column: 'Numeric(12, 2)', sample: 'Decimal("12.50")' },
  { name: 'quantity', py: 'int', column: 'Integer', sample: '3' },
  { name: 'currency', py: 'str = "EUR"', column: 'String(3)', sample: '"EUR"' },
  { name: 'email', py: 'str', column: 'String(255)', sample: '"ops@example.com"' },
  { name: 'active', py: 'bool = True', column: 'Boolean', sample: 'True' },
  { name: 'priority', py: 'int = 0', column: 'Integer', sample: '2' },
  { name: 'due_at', py: 'Optional[datetime] = None', column: 'DateTime', sample: 'None' },
  { name: 'country', py: 'str = "DE"', column: 'String(2)', sample: '"DE"' },
  { name: 'weight', py: 'float = 0.0', column: 'Float', sample: '0.5' },
  { name: 'external_ref', py: 'Optional[str] = None', column: 'String(64)', sample: '"ext-42"' },
];

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
  const files = {};
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

  files[`app/schemas/${name}.py`] = [
    `"""Request and response bodies of the ${name.replaceAll('_', ' ')} endpoints."""`,
    ...imports,
    'from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator',
    '',
    'from app.schemas.common import Schema',
    ...(dep ? [`from app.schemas.${dep.name} import ${dep.Name}Read`] : []),
    '',
    '',
    `class ${Name}Base(Schema):`,
    ...fieldLines,
    '',
    '    @field_validator("name")',
    '    @classmethod',
    '    def name_not_blank(cls, value: str) -> str:',
    '        if not value.strip():',
    '            raise ValueError("name must not be blank")',
    '        return value.strip()',
    '',
    '',
    `class ${Name}Create(${Name}Base):`,
    `    """The body of POST /${name.replaceAll('_', '-')}s."""`,
    '',
    '    model_config = ConfigDict(',
    '        json_schema_extra={',
    '            "examples": [',
    '                {',
    ...fields.map((field) => `                    "${field.name}": ${field.sample.replace(/^Decimal\("(.*)"\)$/, '"$1"').replace('True', 'true').replace('None', 'null')},`),
    '                }',
    '            ]',
    '        }',
    '    )',
    '',
    '    @model_validator(mode="after")',
    `    def check_consistency(self) -> "${Name}Create":`,
    '        if self.name.lower() in {"test", "todo", "tbd"}:',
    '            raise ValueError("name is a placeholder")',
    '        return self',
    '',
    '',
    `class ${Name}Update(BaseModel):`,
    ...fields.map((field) => `    ${field.name}: Optional[${field.py.split(' =')[0].replace(/^Optional\[(.*)\]$/, '$1')}] = None`),
    '',
    '',
    `class ${Name}Read(${Name}Base):`,
    '    id: int',
    '    status: str = "draft"',
    '    created_at: datetime',
    '    updated_at: Optional[datetime] = None',
    ...(dep ? [`    ${dep.name}: Optional[${dep.Name}Read] = None`] : []),
    '',
    '',
    `class ${Name}Filter(BaseModel):`,
    '    status: Optional[str] = None',
    '    search: Optional[str] = Field(default=None, max_length=100)',
    '    offset: int = 0',
    '    limit: int = Field(default=25, le=100)',
    '',
  ].join('\n');

  files[`app/models/${name}.py`] = [
    `"""The ${name.replaceAll('_', ' ')} table."""`,
    'from datetime import datetime, timezone',
    '',
    'from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Integer, Numeric, String, Text',
    '',
    'from app.db.base import Base',
    '',
    '',
    `class ${Name}(Base):`,
    `    __tablename__ = "${name}s"`,
    '',
    '    id = Column(Integer, primary_key=True)',
    ...fields.flatMap((field) => [`    # ${field.name.replaceAll('_', ' ')}: ${field.py.startsWith('Optional') ? 'optional, NULL when the client sent none' : 'required; the API validates it before it gets here'}`, `    ${field.name} = Column(${field.column}${field.py.startsWith('Optional') ? ', nullable=True' : ', nullable=False'})`]),
    '    status = Column(String(32), nullable=False, default="draft")',
    needles.model
      ? '    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)'
      : '    created_at = Column(DateTime(timezone=True), nullable=False, default=lambda: datetime.now(timezone.utc))',
    '    updated_at = Column(DateTime(timezone=True), nullable=True)',
    ...(dep ? [`    ${dep.name}_id = Column(Integer, ForeignKey("${dep.name}s.id"), nullable=True)`] : []),
    '',
    '    def __repr__(self) -> str:',
    `        return f"<${Name} id={self.id} status={self.status}>"`,
    '',
  ].join('\n');

  files[`app/repositories/${name}.py`] = [
    `"""Queries on the ${name.replaceAll('_', ' ')} table."""`,
    'from typing import Optional, Sequence',
    '',
    'from sqlalchemy import func, select',
    'from sqlalchemy.orm import Session',
    '',
    `from app.models.${name} import ${Name}`,
    `from app.schemas.${name} import ${Name}Filter`,
    '',
    '',
    `class ${Name}Repository:`,
    '    def __init__(self, session: Session) -> None:',
    '        self.session = session',
    '',
    `    def get(self, item_id: int) -> Optional[${Name}]:`,
    '        """The record with this id, or None."""',
    `        return self.session.get(${Name}, item_id)`,
    '',
    `    def list(self, filters: ${Name}Filter) -> Sequence[${Name}]:`,
    '        """One page of records matching the filters, newest first."""',
    `        query = select(${Name})`,
    '        if filters.status:',
    `            query = query.where(${Name}.status == filters.status)`,
    '        if filters.search:',
    `            query = query.where(${Name}.name.ilike(f"%{filters.search}%"))`,
    `        query = query.order_by(${Name}.id.desc()).offset(filters.offset).limit(filters.limit)`,
    '        return self.session.scalars(query).all()',
    '',
    `    def count(self, filters: ${Name}Filter) -> int:`,
    `        query = select(func.count()).select_from(${Name})`,
    '        if filters.status:',
    `            query = query.where(${Name}.status == filters.status)`,
    '        return self.session.scalar(query) or 0',
    '',
    `    def by_name(self, name: str) -> Optional[${Name}]:`,
    '        """The record with this exact name (case-insensitive), or None: names are unique per tenant."""',
    `        return self.session.scalars(select(${Name}).where(func.lower(${Name}.name) == name.lower())).first()`,
    '',
    '    def exists(self, item_id: int) -> bool:',
    '        return self.get(item_id) is not None',
    '',
    `    def add_all(self, items: list[${Name}]) -> list[${Name}]:`,
    '        """Adds a batch in one flush; the caller commits."""',
    '        self.session.add_all(items)',
    '        self.session.flush()',
    '        return items',
    '',
    `    def add(self, item: ${Name}) -> ${Name}:`,
    '        self.session.add(item)',
    '        self.session.flush()',
    '        return item',
    '',
    `    def delete(self, item: ${Name}) -> None:`,
    '        self.session.delete(item)',
    '',
  ].join('\n');

  const n = needles.service;
  files[`app/services/${name}.py`] = [
    `"""Business rules of ${name.replaceAll('_', ' ')}s: validation, status changes, exports."""`,
    'import csv',
    'import io',
    'import logging',
    'from datetime import datetime, timedelta, timezone',
    'from typing import Optional',
    '',
    'import httpx',
    'from sqlalchemy.orm import Session',
    '',
    `from app.models.${name} import ${Name}`,
    `from app.repositories.${name} import ${Name}Repository`,
    `from app.schemas.${name} import ${Name}Create, ${Name}Filter, ${Name}Read, ${Name}Update`,
    'from app.schemas.common import Page',
    '',
    'logger = logging.getLogger(__name__)',
    '',
    `STATUSES = ("draft", "active", "archived")`,
    '',
    '',
    `class ${Name}NotFound(LookupError):`,
    '    pass',
    '',
    '',
    `class ${Name}Service:`,
    '    def __init__(self, session: Session) -> None:',
    `        self.repository = ${Name}Repository(session)`,
    '',
    `    def get(self, item_id: int) -> ${Name}Read:`,
    '        item = self.repository.get(item_id)',
    '        if item is None:',
    `            raise ${Name}NotFound(item_id)`,
    n ? `        return ${Name}Read.from_orm(item)` : `        return ${Name}Read.model_validate(item)`,
    '',
    `    def list(self, filters: ${Name}Filter) -> Page[${Name}Read]:`,
    `        items = [${Name}Read.model_validate(item) for item in self.repository.list(filters)]`,
    '        return Page(items=items, total=self.repository.count(filters), offset=filters.offset, limit=filters.limit)',
    '',
    `    def create(self, payload: ${Name}Create) -> ${Name}Read:`,
    n ? `        item = ${Name}(**payload.dict())` : `        item = ${Name}(**payload.model_dump())`,
    n ? '        item.created_at = datetime.utcnow()' : '        item.created_at = datetime.now(timezone.utc)',
    '        self.repository.add(item)',
    `        logger.info("created ${name} %s", item.id)`,
    `        return ${Name}Read.model_validate(item)`,
    '',
    `    def update(self, item_id: int, payload: ${Name}Update) -> ${Name}Read:`,
    '        item = self.repository.get(item_id)',
    '        if item is None:',
    `            raise ${Name}NotFound(item_id)`,
    n ? '        for key, value in payload.dict(exclude_unset=True).items():' : '        for key, value in payload.model_dump(exclude_unset=True).items():',
    '            setattr(item, key, value)',
    n ? '        item.updated_at = datetime.utcnow()' : '        item.updated_at = datetime.now(timezone.utc)',
    `        return ${Name}Read.model_validate(item)`,
    '',
    '    def change_status(self, item_id: int, status: str) -> None:',
    '        if status not in STATUSES:',
    '            raise ValueError(f"unknown status {status!r}")',
    '        item = self.repository.get(item_id)',
    '        if item is None:',
    `            raise ${Name}NotFound(item_id)`,
    '        item.status = status',
    '',
    '    def stale(self, days: int = 30) -> list[int]:',
    '        cutoff = datetime.now(timezone.utc) - timedelta(days=days)',
    `        items = self.repository.list(${Name}Filter(limit=100))`,
    '        return [item.id for item in items if item.updated_at is not None and item.updated_at < cutoff]',
    '',
    '    def export_csv(self) -> str:',
    '        buffer = io.StringIO()',
    '        writer = csv.writer(buffer)',
    `        writer.writerow(["id", ${fields.map((field) => `"${field.name}"`).join(', ')}, "status"])`,
    `        for item in self.repository.list(${Name}Filter(limit=100)):`,
    `            writer.writerow([item.id, ${fields.map((field) => `item.${field.name}`).join(', ')}, item.status])`,
    '        return buffer.getvalue()',
    '',
    `    def publish(self, item_id: int, hook_url: str) -> Optional[dict]:`,
    '        item = self.get(item_id)',
    n ? '        body = item.json(exclude_none=True)' : '        body = item.model_dump_json(exclude_none=True)',
    '        response = httpx.post(hook_url, content=body, timeout=5.0)',
    '        if response.status_code >= 400:',
    `            logger.warning("hook for ${name} %s failed: %s", item_id, response.status_code)`,
    '            return None',
    '        result = response.json()',
    '        headers = dict(response.headers).copy()',
    '        return {"result": result, "request_id": headers.get("x-request-id")}',
    '',
    `    def bulk_create(self, payloads: list[${Name}Create]) -> list[${Name}Read]:`,
    '        """Creates every payload or none: a repeated name rejects the whole batch before anything is written."""',
    '        seen: set[str] = set()',
    '        for payload in payloads:',
    '            key = payload.name.strip().lower()',
    '            if key in seen:',
    '                raise ValueError(f"duplicate name {payload.name!r} in batch")',
    '            seen.add(key)',
    '        return [self.create(payload) for payload in payloads]',
    '',
    '    def counts_by_status(self) -> dict[str, int]:',
    '        """How many records are in each status, zero included: the dashboard tile."""',
    '        counts = {status: 0 for status in STATUSES}',
    `        for item in self.repository.list(${Name}Filter(limit=100)):`,
    '            counts[item.status] = counts.get(item.status, 0) + 1',
    '        return counts',
    '',
    `    def search(self, term: str, limit: int = 20) -> list[${Name}Read]:`,
    '        """A case-insensitive search on the name; an empty term lists the newest records."""',
    `        filters = ${Name}Filter(search=term.strip() or None, limit=min(max(limit, 1), 100))`,
    `        return [${Name}Read.model_validate(item) for item in self.repository.list(filters)]`,
    '',
    '    def archive_stale(self, days: int = 90) -> int:',
    '        """Archives the records nobody touched for `days` days; returns how many it archived."""',
    '        archived = 0',
    '        for item_id in self.stale(days):',
    '            self.change_status(item_id, "archived")',
    '            archived += 1',
    `        logger.info("archived %d stale ${name} records", archived)`,
    '        return archived',
    '',
    ...(n ? [`    def import_rows(self, rows: list[dict]) -> list[${Name}Read]:`, `        return [self.create(${Name}Create.parse_obj(row)) for row in rows]`, ''] : []),
  ].join('\n');

  const r = needles.router;
  files[`app/api/routers/${name}.py`] = [
    `"""HTTP endpoints for ${name.replaceAll('_', ' ')}s."""`,
    'import logging',
    '',
    'from fastapi import APIRouter, Depends, HTTPException, Response, status',
    'from sqlalchemy.orm import Session',
    '',
    'from app.db.session import get_session',
    `from app.schemas.${name} import ${Name}Create, ${Name}Filter, ${Name}Read, ${Name}Update`,
    `from app.services.${name} import ${Name}NotFound, ${Name}Service`,
    'from app.schemas.common import Page',
    '',
    'audit = logging.getLogger("audit")',
    `router = APIRouter(prefix="/${name.replaceAll('_', '-')}s", tags=["${name}"])`,
    '',
    '',
    `def get_service(session: Session = Depends(get_session)) -> ${Name}Service:`,
    `    return ${Name}Service(session)`,
    '',
    '',
    `@router.get("", response_model=Page[${Name}Read])`,
    `def list_items(filters: ${Name}Filter = Depends(), service: ${Name}Service = Depends(get_service)):`,
    '    return service.list(filters)',
    '',
    '',
    `@router.get("/{item_id}", response_model=${Name}Read)`,
    `def get_item(item_id: int, service: ${Name}Service = Depends(get_service)):`,
    '    try:',
    '        return service.get(item_id)',
    `    except ${Name}NotFound:`,
    `        raise HTTPException(status_code=404, detail="${Name} not found")`,
    '',
    '',
    `@router.post("", response_model=${Name}Read, status_code=status.HTTP_201_CREATED)`,
    `def create_item(payload: ${Name}Create, service: ${Name}Service = Depends(get_service)):`,
    r ? '    audit.info("create %s", payload.dict(exclude_unset=True))' : '    audit.info("create %s", payload.model_dump(exclude_unset=True))',
    '    return service.create(payload)',
    '',
    '',
    `@router.patch("/{item_id}", response_model=${Name}Read)`,
    `def update_item(item_id: int, payload: ${Name}Update, service: ${Name}Service = Depends(get_service)):`,
    '    try:',
    '        return service.update(item_id, payload)',
    `    except ${Name}NotFound:`,
    `        raise HTTPException(status_code=404, detail="${Name} not found")`,
    '',
    '',
    `@router.get("/{item_id}/export")`,
    `def export_item(item_id: int, service: ${Name}Service = Depends(get_service)) -> Response:`,
    '    item = service.get(item_id)',
    r ? '    return Response(content=item.json(), media_type="application/json")' : '    return Response(content=item.model_dump_json(), media_type="application/json")',
    '',
    '',
    `@router.post("/bulk", response_model=list[${Name}Read], status_code=status.HTTP_201_CREATED)`,
    `def bulk_create(payloads: list[${Name}Create], service: ${Name}Service = Depends(get_service)):`,
    `    """Create many ${label} records at once; 400 when a name repeats."""`,
    '    try:',
    '        return service.bulk_create(payloads)',
    '    except ValueError as error:',
    '        raise HTTPException(status_code=400, detail=str(error))',
    '',
    '',
    '@router.get("/stats/status")',
    `def counts_by_status(service: ${Name}Service = Depends(get_service)) -> dict[str, int]:`,
    `    """How many ${label} records are in each status."""`,
    '    return service.counts_by_status()',
    '',
    '',
    `@router.get("/search", response_model=list[${Name}Read])`,
    `def search(term: str = "", limit: int = 20, service: ${Name}Service = Depends(get_service)):`,
    `    """Search ${label} records by name, any case."""`,
    '    return service.search(term, limit)',
    '',
    '',
    '@router.post("/{item_id}/status/{new_status}", status_code=status.HTTP_204_NO_CONTENT)',
    `def change_status(item_id: int, new_status: str, service: ${Name}Service = Depends(get_service)) -> Response:`,
    `    """Move a ${label} record to another status."""`,
    '    try:',
    '        service.change_status(item_id, new_status)',
    '    except ValueError as error:',
    '        raise HTTPException(status_code=400, detail=str(error))',
    `    except ${Name}NotFound:`,
    `        raise HTTPException(status_code=404, detail="${Name} not found")`,
    '    return Response(status_code=status.HTTP_204_NO_CONTENT)',
    '',
  ].join('\n');

  const t = needles.tests;
  files[`tests/test_${name}.py`] = [
    `"""Tests of the ${name.replaceAll('_', ' ')} schemas and service."""`,
    'from datetime import datetime, timezone',
    'from decimal import Decimal',
    'from unittest import mock',
    '',
    'import pytest',
    '',
    `from app.schemas.${name} import ${Name}Create, ${Name}Read, ${Name}Update`,
    `from app.services.${name} import ${Name}NotFound, ${Name}Service`,
    '',
    `SAMPLE = {${fields.map((field) => `"${field.name}": ${field.sample}`).join(', ')}}`,
    '',
    '',
    'def test_create_strips_the_name():',
    t ? `    payload = ${Name}Create.parse_obj({**SAMPLE, "name": "  Acme  "})` : `    payload = ${Name}Create.model_validate({**SAMPLE, "name": "  Acme  "})`,
    '    assert payload.name == "Acme"',
    '',
    '',
    'def test_blank_name_is_rejected():',
    '    with pytest.raises(ValueError):',
    `        ${Name}Create.model_validate({**SAMPLE, "name": "   "})`,
    '',
    '',
    'def test_update_keeps_unset_fields_out():',
    `    update = ${Name}Update(name="New")`,
    t ? '    assert update.dict(exclude_unset=True) == {"name": "New"}' : '    assert update.model_dump(exclude_unset=True) == {"name": "New"}',
    '',
    '',
    'def test_read_round_trips_through_json():',
    t ? `    read = ${Name}Read(id=1, created_at=datetime.utcnow(), **SAMPLE)` : `    read = ${Name}Read(id=1, created_at=datetime.now(timezone.utc), **SAMPLE)`,
    `    assert ${Name}Read.model_validate_json(read.model_dump_json()) == read`,
    '',
    '',
    'def test_missing_item_raises():',
    '    session = mock.Mock()',
    '    session.get.return_value = None',
    `    with pytest.raises(${Name}NotFound):`,
    `        ${Name}Service(session).get(42)`,
    '',
    '',
    ...fields.flatMap((field) => [
      `def test_${field.name}_is_kept():`,
      `    payload = ${Name}Create.model_validate(SAMPLE)`,
      `    assert payload.model_dump()["${field.name}"] == SAMPLE["${field.name}"]`,
      '',
      '',
    ]),
    ...fields.flatMap((field) => [
      `def test_update_${field.name}_alone():`,
      `    update = ${Name}Update(${field.name}=SAMPLE["${field.name}"])`,
      `    assert set(update.model_dump(exclude_unset=True)) == {"${field.name}"}`,
      '',
      '',
    ]),
    'def test_placeholder_names_are_rejected():',
    '    with pytest.raises(ValueError):',
    `        ${Name}Create.model_validate({**SAMPLE, "name": "TODO"})`,
    '',
    '',
    'def test_bulk_create_rejects_a_repeated_name():',
    '    session = mock.Mock()',
    `    payload = ${Name}Create.model_validate(SAMPLE)`,
    '    with pytest.raises(ValueError):',
    `        ${Name}Service(session).bulk_create([payload, payload])`,
    '',
    '',
    '@pytest.mark.parametrize("term", ["", "  ", "acme", "ACME"])',
    'def test_search_accepts_any_term(term):',
    '    session = mock.Mock()',
    '    session.scalars.return_value.all.return_value = []',
    `    assert ${Name}Service(session).search(term) == []`,
    '',
    '',
    'def test_change_status_rejects_unknown_values():',
    '    session = mock.Mock()',
    '    with pytest.raises(ValueError):',
    `        ${Name}Service(session).change_status(1, "deleted")`,
    '',
  ].join('\n');
  return files;
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
