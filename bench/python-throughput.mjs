// Python scan throughput (MB/s) on a generated ~5 MB repository: `node bench/python-throughput.mjs [MB]`.
// Runs the built CLI pipeline in process (`npm run build` first); prints files, size, seconds, MB/s.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runScan } from '../dist/src/scan.js';

const targetMb = Number(process.argv[2] ?? 5);
const root = mkdtempSync(path.join(os.tmpdir(), 'deprecfix-py-bench-'));
writeFileSync(path.join(root, 'requirements.txt'), 'pydantic==2.7.1\n');

function moduleText(index) {
  const lines = [
    'from datetime import datetime, timezone',
    'from typing import Optional',
    '',
    'from pydantic import BaseModel, Field',
    `from .models_${index % 50} import Base${index % 50}`,
    '',
  ];
  for (let c = 0; c < 12; c++) {
    lines.push(
      `class Model${index}_${c}(BaseModel):`,
      '    id: str',
      '    name: Optional[str] = None',
      `    created_at: datetime = Field(default_factory=datetime.utcnow)`,
      '',
      '    def describe(self) -> dict:',
      `        return self.dict(exclude_unset=True)`,
      '',
      '',
      `def handle_${c}(payload: dict) -> dict:`,
      `    model = Model${index}_${c}.parse_obj(payload)`,
      '    stamp = datetime.now(timezone.utc)',
      `    values = [value * ${c} for value in range(10) if value % 2]`,
      '    return {"model": model.model_dump(), "stamp": stamp.isoformat(), "values": values}',
      '',
      '',
    );
  }
  return lines.join('\n');
}

let bytes = 0;
let files = 0;
mkdirSync(path.join(root, 'app'), { recursive: true });
while (bytes < targetMb * 1024 * 1024) {
  const text = moduleText(files);
  writeFileSync(path.join(root, 'app', `module_${files}.py`), text);
  bytes += Buffer.byteLength(text);
  files++;
}

const started = performance.now();
const result = runScan({ cwd: root, paths: ['app'] });
const seconds = (performance.now() - started) / 1000;
const mb = bytes / 1024 / 1024;
console.log(`${files} files, ${mb.toFixed(1)} MB, ${result.findings.length} findings, ${seconds.toFixed(2)} s, ${(mb / seconds).toFixed(2)} MB/s`);
