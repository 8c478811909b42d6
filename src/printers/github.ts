import type { Finding } from '../lint.js';
import type { Failure } from '../lint.js';
import { printablePath } from '../../rules/project/paths.js';
import { describeFix, hasEnd, plural, sortFailures, sortFindings, type PrintInput, type PrintOptions, type Printer } from './printer.js';

/**
 * GitHub Actions workflow commands: each finding becomes `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::…`
 * (`::error` for failures, and for findings when the caller grades them `error`), which GitHub turns into annotations
 * on the run and the pull request's diff.
 *
 * GitHub shows at most 10 warning, 10 error and 10 notice annotations per step (and 50 per job) and silently drops
 * the rest. We print at most `ANNOTATIONS_PER_LEVEL` = 10 of each level — printing more would only hide which ones
 * GitHub dropped — and then one `::notice` (its own budget of 10, so it is shown) that counts what was left out and
 * says where to see everything.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'notice' | 'warning' | 'error';

interface Annotation {
  level: Level;
  properties: [name: string, value: string | number][];
  message: string;
}

export const githubPrinter: Printer = {
  format: 'github',
  print(input: PrintInput, options: PrintOptions): string {
    const findingLevel = options.severity ?? 'warning';
    // Failures first: a file that was not linted at all matters more than one more finding.
    const annotations = [...sortFailures(input.failures).map(failureAnnotation), ...sortFindings(input.findings).map((finding) => findingAnnotation(finding, findingLevel))];
    const shown = new Map<Level, number>();
    const omitted = new Map<Level, number>();
    const lines: string[] = [];
    for (const annotation of annotations) {
      const count = shown.get(annotation.level) ?? 0;
      if (count < ANNOTATIONS_PER_LEVEL) {
        lines.push(workflowCommand(annotation));
        shown.set(annotation.level, count + 1);
      } else {
        omitted.set(annotation.level, (omitted.get(annotation.level) ?? 0) + 1);
      }
    }
    const total = `deprecfix: ${plural(input.findings.length, 'finding')} in ${plural(input.files.length, 'file')}${input.failures.length > 0 ? `, ${plural(input.failures.length, 'file')} not linted` : ''}`;
    if (omitted.size > 0) {
      const left = [...omitted].map(([level, count]) => `${count} ${level}${count === 1 ? '' : 's'}`).join(' and ');
      lines.push(
        workflowCommand({
          level: 'notice',
          properties: [['title', 'deprecfix: more findings than GitHub shows']],
          message: `${total}. ${left} not annotated: GitHub shows at most ${ANNOTATIONS_PER_LEVEL} annotations of each level per step. Run again with \`--format pretty\` for the full list, or upload \`--format sarif\` to code scanning.`,
        }),
      );
    } else {
      lines.push(total);
    }
    return `${lines.join('\n')}\n`;
  },
};

function findingAnnotation(finding: Finding, level: Level): Annotation {
  const properties: Annotation['properties'] = [['file', printablePath(finding.file)], ['line', finding.line]];
  // GitHub's checks API takes columns only on a one-line annotation, so a multi-line one gives lines alone.
  if (!hasEnd(finding)) properties.push(['col', finding.column]);
  else if (finding.endLine === finding.line) properties.push(['col', finding.column], ['endLine', finding.endLine], ['endColumn', finding.endColumn]);
  else properties.push(['endLine', finding.endLine]);
  properties.push(['title', `${finding.ruleId} (${finding.kind})`]);
  return { level, properties, message: `${finding.message} (${describeFix(finding)})` };
}

function failureAnnotation(failure: Failure): Annotation {
  const properties: Annotation['properties'] = [['file', printablePath(failure.file)]];
  if (failure.line && failure.line > 0) properties.push(['line', failure.line]);
  properties.push(['title', `deprecfix: ${failure.stage} failed`]);
  return { level: 'error', properties, message: failure.message };
}

function workflowCommand(annotation: Annotation): string {
  const properties = annotation.properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${annotation.level} ${properties}::${escapeData(annotation.message)}`;
}

/** The command's message: GitHub (actions/toolkit `escapeData`) needs `%`, CR and LF escaped, `%` first. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (file, title): as data, and `:` and `,` too, which would end the value (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
