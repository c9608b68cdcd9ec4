// The commands shown in a step read `{{user}}` until the user fills in the step's field; then they
// show the value, and the copy button copies it. The runner substitutes on its side (render.ts), so
// this is only what the page shows; an invalid value leaves the placeholder in place.

/** Makes every step's displayed commands follow its parameter fields. */
export function followParams(): void {
  for (const section of document.querySelectorAll<HTMLElement>('.rg-step')) {
    const inputs = [...section.querySelectorAll<HTMLInputElement>('input.rg-param')];
    if (inputs.length === 0) continue;
    // Syntax highlighting splits a placeholder over several text nodes: keep each one's original.
    const codes = [...section.querySelectorAll<HTMLElement>('.rg-block pre code')].map((code) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      return { nodes, originals: nodes.map((n) => n.data) };
    });
    const copies = [...section.querySelectorAll<HTMLElement>('.rg-block [data-code]')].map((el) => ({ el, original: el.dataset.code! }));
    const apply = () => {
      const values = new Map<string, string>();
      for (const input of inputs) {
        const value = input.value.trim();
        if (value && input.checkValidity()) values.set(input.dataset.param!, value);
      }
      for (const { nodes, originals } of codes) substitute(nodes, originals, values);
      for (const { el, original } of copies) el.dataset.code = fill(original, values);
    };
    for (const input of inputs) input.addEventListener('input', apply);
    apply();
  }
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function fill(text: string, values: Map<string, string>): string {
  return text.replace(PLACEHOLDER, (m, name: string) => values.get(name) ?? m);
}

/** Rewrites text nodes whose joined originals hold placeholders; a value goes where its `{{` began. */
function substitute(nodes: Text[], originals: string[], values: Map<string, string>): void {
  const whole = originals.join('');
  const matches = [...whole.matchAll(PLACEHOLDER)].filter((m) => values.has(m[1]!));
  let offset = 0;
  for (const [i, node] of nodes.entries()) {
    const original = originals[i]!;
    const start = offset;
    const end = start + original.length;
    offset = end;
    let text = '';
    let at = start;
    for (const m of matches) {
      const [m0, m1] = [m.index, m.index + m[0].length];
      if (m1 <= start || m0 >= end) continue;
      text += whole.slice(at, Math.max(at, m0));
      if (m0 >= start) text += values.get(m[1]!)!;
      at = Math.min(end, m1);
    }
    text += whole.slice(at, end);
    if (node.data !== text) node.data = text;
  }
}
