/** The `spied` reason's placeholders: the first spy, `path:line`, and how many more there are. */
export function spiedReasonData(spies: readonly { name: string; file: string; line: number }[]): { spiedName: string; spiedAt: string } {
  const first = spies[0]!;
  return { spiedName: first.name, spiedAt: `${first.file}:${first.line}${spies.length > 1 ? ` (+${spies.length - 1} more)` : ''}` };
}
