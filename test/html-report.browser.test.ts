/**
 * The HTML report in a real browser: Debian's `chromium` driven by playwright-core (never a downloaded browser).
 * A real report — the built CLI's `fix` on a copy of the demo repository, with a file named like a tag that holds
 * `</script>`, then `report --format html --history` — loads with no console error, no failed request and no request
 * at all beyond the file itself; its headline numbers are the JSON report's; clicking a column header sorts the
 * table; with JavaScript off every row is still there; nothing the user wrote runs. Screenshots are kept in
 * `$DEPRECFIX_ARTIFACTS` (CI) or a temporary directory whose path the test prints.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { commit, copyFixtureRepo, runCli, tempDir } from './helpers.js';

/** `$CHROMIUM_PATH`, else `chromium` or `chromium-browser` on the PATH (Debian and Ubuntu name it either way). */
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((dir) => [path.join(dir, 'chromium'), path.join(dir, 'chromium-browser')]),
].filter((candidate): candidate is string => !!candidate);
const executablePath = CANDIDATES.find((candidate) => existsSync(candidate));
const SKIP_REASON = "skipped: no chromium or chromium-browser on the PATH and no $CHROMIUM_PATH (install Debian's: apt-get install chromium; .ci/run does)";

const EVIL_NAME = '<img src=x onerror=alert(1)>.ts';
const EVIL_FILE = `backend/api/${EVIL_NAME}`;

describe.skipIf(!executablePath)(`HTML report in chromium${executablePath ? '' : ` (${SKIP_REASON})`}`, () => {
  let browser: Browser;
  let reportJson: Report;
  let htmlFile: string;
  const artifacts = process.env.DEPRECFIX_ARTIFACTS ?? tempDir('deprecfix-html-report-');

  beforeAll(async () => {
    const repo = copyFixtureRepo('demo-repo');
    // In scope (phase12 takes backend/api/*.ts): a rewrite in a file whose name is markup, with code closing a script.
    writeFileSync(path.join(repo, EVIL_FILE), "export const stamp = '</script><script>window.__xss = 1</script>' + new Date().toGMTString();\n");
    commit(repo, 'a file named like a tag');
    const fix = runCli(['--scope', 'phase10-12', '--test', 'node --test'], repo);
    expect(fix.status, fix.stderr).toBe(0);
    reportJson = JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8')) as Report;
    expect(reportJson.fixed.some((entry) => entry.file === EVIL_FILE)).toBe(true);

    // A burn-down to draw: four commits of a range in the shape `deprecfix history --format json` writes, with
    // made-up counts (the chart is what is under test here, not the history).
    const totals = [reportJson.before.total + 6, reportJson.before.total + 2, reportJson.before.total, reportJson.after.total];
    const history = {
      range: 'v2.3.0..HEAD',
      scope: { spec: reportJson.scope.spec, scopes: reportJson.scope.scopes, manifest: 'deprecfix.manifest.json', manifestFrom: 'working tree' },
      points: totals.map((total, index) => ({
        commit: String(index + 1).repeat(40),
        shortCommit: String(index + 1).repeat(7),
        date: `2026-0${index + 1}-01T00:00:00Z`,
        subject: `phase ${9 + index}`,
        ...(index === 0 ? { tags: ['v2.3.0'] } : {}),
        total: total + 12,
        inScope: { total, byRule: {} },
        repository: { total: total + 12, byRule: {} },
      })),
    };
    const historyFile = path.join(repo, 'history.json');
    writeFileSync(historyFile, JSON.stringify(history));
    const rendered = runCli(['report', 'deprecfix-report.json', '--format', 'html', '--history', historyFile], repo);
    expect(rendered.status, rendered.stderr).toBe(0);
    mkdirSync(artifacts, { recursive: true });
    htmlFile = path.join(artifacts, 'report.html');
    writeFileSync(htmlFile, rendered.stdout);

    browser = await chromium.launch({ executablePath });
  });

  afterAll(async () => {
    await browser?.close();
    if (htmlFile) console.log(`HTML report artefacts (report.html, report-light.png, report-dark.png): ${artifacts}`);
  });

  /** Opens the page, recording what a broken page would show: console errors, page errors, requests, dialogs. */
  async function open(options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`file://${htmlFile}`);
    await page.waitForLoadState('load');
    return { page, problems, requests, close: () => context.close() };
  }

  const columnTexts = (page: Page, table: string, column: number) =>
    page.$$eval(`${table} tbody tr`, (rows, index) => rows.map((row) => (row as HTMLTableRowElement).cells[index].textContent!.trim()), column);

  it('loads with no console error, no failed request, and requests nothing but itself', async () => {
    const { page, problems, requests, close } = await open();
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${htmlFile}`]);
    expect(await page.title()).toContain(`${reportJson.before.total} → ${reportJson.after.total}`);
    await page.screenshot({ path: path.join(artifacts, 'report-light.png'), fullPage: true });
    await close();
  });

  it('shows the headline numbers of the JSON report', async () => {
    const { page, close } = await open();
    const text = (selector: string) => page.locator(selector).innerText();
    expect(await text('#count-before')).toBe(String(reportJson.before.total));
    expect(await text('#count-after')).toBe(String(reportJson.after.total));
    const delta = reportJson.after.total - reportJson.before.total;
    expect(await text('#count-delta')).toBe(delta < 0 ? `\u2212${-delta}` : delta > 0 ? `+${delta}` : '0');
    expect(await text('#count-out-of-scope')).toBe(String(reportJson.outOfScope!.total));
    expect(await text('#runtime-warnings')).toBe(`${reportJson.runtime!.before.warnings.total} → ${reportJson.runtime!.after!.warnings.total}`);
    // The per-rule table and its total row, as in the JSON.
    const rules = await columnTexts(page, '#rule-table', 0);
    expect(rules).toEqual(Object.keys({ ...reportJson.before.byRule, ...reportJson.after.byRule }).sort());
    for (const [index, rule] of rules.entries()) {
      expect(await columnTexts(page, '#rule-table', 1).then((cells) => cells[index])).toBe(String(reportJson.before.byRule[rule] ?? 0));
    }
    // Every rewrite is in the side-by-side diffs, and the chart has its two lines.
    expect(await page.locator('#rewritten ~ * .d2h-file-wrapper, section[aria-labelledby="rewritten"] .d2h-file-wrapper').count()).toBe(
      new Set(reportJson.fixed.filter((entry) => entry.fix !== 'repair').map((entry) => entry.file)).size,
    );
    expect(await page.locator('section[aria-labelledby="burn-down"] polyline').count()).toBe(2);
    await close();
  });

  it('sorts a table when a column header is clicked, and says so in aria-sort', async () => {
    const { page, problems, close } = await open();
    const files = await columnTexts(page, '#file-table', 0);
    expect(files).toEqual([...files].sort());
    const header = page.locator('#file-table thead th', { hasText: 'after' });

    await header.getByRole('button').click();
    const ascending = (await columnTexts(page, '#file-table', 2)).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('#file-table thead th').first().getAttribute('aria-sort')).toBeNull();

    await header.getByRole('button').click();
    const descending = (await columnTexts(page, '#file-table', 2)).map(Number);
    expect(descending).toEqual([...ascending].reverse());
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    // The same rows, reordered: a file's counts move with it.
    const sortedFiles = await columnTexts(page, '#file-table', 0);
    expect([...sortedFiles].sort()).toEqual(files);
    expect(sortedFiles).not.toEqual(files);
    const after = (file: string) => Object.values(reportJson.after.byFile[file] ?? {}).reduce((sum, count) => sum + count, 0);
    expect(descending).toEqual(sortedFiles.map(after));
    expect(problems).toEqual([]);
    await close();
  });

  it('with JavaScript off, shows every table row (no sort buttons)', async () => {
    const { page: withScript, close: closeWithScript } = await open();
    const rowsWithScript = await withScript.locator('table tbody tr').count();
    await closeWithScript();
    const { page, problems, close } = await open({ javaScriptEnabled: false });
    expect(await page.locator('button.sort').count()).toBe(0);
    expect(await page.locator('table tbody tr').count()).toBe(rowsWithScript);
    const files = new Set([...Object.keys(reportJson.before.byFile), ...Object.keys(reportJson.after.byFile)]);
    expect(await page.locator('#file-table tbody tr').count()).toBe(files.size);
    expect(await page.locator('section[aria-labelledby="remaining"] tbody tr').count()).toBe(reportJson.remaining.length);
    expect(await page.locator('section[aria-labelledby="burn-down"] svg').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it('runs nothing the user wrote: a file named like a tag and code with </script> show as text', async () => {
    const { page, problems, close } = await open({ colorScheme: 'dark' });
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#file-table').innerText()).toContain(EVIL_FILE);
    expect(await page.locator('section[aria-labelledby="rewritten"]').innerText()).toContain("'</script><script>window.__xss = 1</script>' + new Date().toUTCString();");
    expect(problems).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'report-dark.png'), fullPage: true });
    await close();
  });
});
