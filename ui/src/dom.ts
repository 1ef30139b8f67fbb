// Building DOM without innerHTML: text always goes in as text, attributes as attributes,
// and never a `style` attribute (the CSP forbids inline styles; classes live in style.css).

export type Child = Node | string | null | undefined | false;

/** A DOM element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, value);
  for (const c of children) if (c) el.append(c);
  return el;
}

/** An SVG element with attributes (numbers written as they are) and children: the charts
 *  of the Analysis and Capacity tabs. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: (SVGElement | string | null)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

export function plural(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A button with a test id; `title` doubles as the tooltip and the accessible name. */
export function button(testid: string, label: Child, title: string, onClick: () => void, cls = "btn"): HTMLButtonElement {
  const b = h("button", { type: "button", class: cls, "data-testid": testid, id: testid, title, "aria-label": title }, label);
  b.addEventListener("click", onClick);
  return b;
}
