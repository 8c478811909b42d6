/**
 * HTML that is escaped by construction: the `html` tagged template escapes every value it is given unless the value
 * is already `Html` (made by `html` itself or by `trustedHtml` for markup from a renderer we trust, diff2html).
 * File names, code, messages and commands are user data; none of them can open a tag, close the inline `<script>`
 * or break out of an attribute, because no printer concatenates strings into markup by hand.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

/** `html\`<td>${file}</td>\``: values are escaped; arrays are joined; null, undefined and false print nothing. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1];
  });
  return new Html(out);
}

/** Markup produced by a trusted renderer (diff2html escapes the code it shows), or our own constant strings. */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

function render(value: Value): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Text and attribute values alike: `&`, `<`, `>`, both quotes (the only escaping of the HTML report: `html` and `richText` call it). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Prose with `code spans` (kind messages have them), shown as `<code>`; everything else escaped. */
export function richText(text: string): Html {
  const parts = text.split(/(`[^`\n]+`)/);
  return html`${parts.map((part) => (/^`[^`]+`$/.test(part) ? html`<code>${part.slice(1, -1)}</code>` : part))}`;
}
