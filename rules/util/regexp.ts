/** `text` as a regular expression that matches it literally (a name, a needle word, a template's fixed parts). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
