// Elements for the fleet view, built in code: the view loads with its own chunk, so the page ships
// none of its markup until "Check several servers" is pressed.

type Child = Node | string | null | undefined | false;

/** An element with attributes (`true` sets an empty one, `false`/undefined leaves it out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : String(v));
  for (const c of children) if (c) e.append(c);
  return e;
}

let ids = 0;
/** An id unique in the page, for label, describedby and labelledby references. */
export const uniqueId = (prefix: string): string => `${prefix}-${++ids}`;

/** Offers `text` as a file to download, as a link the user would click. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // Kept a moment: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
