// Escaping for the dashboard page: every text from the data goes through one of these before it reaches the HTML.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value: `<script>` shows as text, a quote cannot end the attribute. */
export function escapeHtml(s: string | number | null | undefined): string {
  return s === null || s === undefined ? '' : String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON to embed in `<script type="application/json">`: `<`, `>` and `&` as \u escapes so that no `</script>` or
 * `<!--` in the data can end or change the element, and U+2028/U+2029 escaped for older JavaScript parsers.
 * JSON.parse gives back exactly the original strings.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
