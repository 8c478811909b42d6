import { structuredPatch } from 'diff';
import { createRequire } from 'node:module';
import type { html } from 'diff2html';
import type { ColorSchemeType } from 'diff2html/lib/types.js';
import type { FixedEntry, ImportEdit } from '../report.js';
import { groupBy } from './printer.js';
import { fileChanges, type FileChange } from './diff-changes.js';

/**
 * The rewrites of a report as side-by-side diffs, rendered by diff2html. A saved report keeps each rewrite's lines
 * before and after (not whole files), so each file's diff is made of one hunk per rewrite and per import edit, at
 * its line in the file as it was, built with `diff` (the unified-diff library `--dry-run` uses) and labelled with
 * the rewrite's kind in the hunk header, where git puts a function name.
 */

/** A unified diff of every file the entries touch, in the order files first appear, hunks in line order. */
export function unifiedDiffOf(fixed: readonly FixedEntry[], imports: readonly ImportEdit[]): string {
  const importsByFile = groupBy(imports, (edit) => edit.file);
  let text = '';
  for (const [file, entries] of groupBy(fixed, (entry) => entry.file)) {
    const changes = dedupe(fileChanges(entries, importsByFile.get(file) ?? []));
    text += `--- a/${file}\n+++ b/${file}\n`;
    // Lines the earlier hunks added minus those they removed: where the next hunk starts in the new file.
    let shift = 0;
    for (const change of changes) {
      for (const hunk of structuredPatch(file, file, lines(change.before), lines(change.after), '', '', { context: Number.MAX_SAFE_INTEGER }).hunks) {
        const oldStart = change.line + hunk.oldStart - 1;
        // A hunk that only adds lines names the line before them (`-4,0 +5,2`), as git does.
        const oldHeader = hunk.oldLines === 0 ? `${oldStart - 1},0` : `${oldStart},${hunk.oldLines}`;
        const newStart = oldStart + shift;
        const newHeader = hunk.newLines === 0 ? `${newStart - 1},0` : `${newStart},${hunk.newLines}`;
        text += `@@ -${oldHeader} +${newHeader} @@ ${change.label}\n${hunk.lines.join('\n')}\n`;
        shift += hunk.newLines - hunk.oldLines;
      }
    }
  }
  return text;
}

/** diff2html's side-by-side markup; colours follow the reader's light or dark setting. */
export function renderDiffs(fixed: readonly FixedEntry[], imports: readonly ImportEdit[]): string {
  // Required here, not imported: diff2html takes ~30 ms to load, and only an HTML report with rewrites needs it.
  const diff2html = (createRequire(import.meta.url)('diff2html') as { html: typeof html }).html;
  return diff2html(unifiedDiffOf(fixed, imports), {
    outputFormat: 'side-by-side',
    drawFileList: false,
    matching: 'lines',
    diffStyle: 'word',
    colorScheme: 'auto' as ColorSchemeType.AUTO,
  });
}

/** Two findings on one line are one change in the file: one hunk, both kinds in its label. */
function dedupe(changes: FileChange[]): FileChange[] {
  const byText = new Map<string, FileChange>();
  for (const change of changes) {
    const key = `${change.line}\u0000${change.before}\u0000${change.after}`;
    const seen = byText.get(key);
    if (!seen) byText.set(key, { ...change });
    else if (!seen.label.split(', ').includes(change.label)) seen.label += `, ${change.label}`;
  }
  return [...byText.values()];
}

/** The text as whole lines, CRLF as LF: the empty text is no line at all. */
function lines(text: string): string {
  const normalized = text.replace(/\r\n/g, '\n');
  return normalized === '' || normalized.endsWith('\n') ? normalized : `${normalized}\n`;
}
