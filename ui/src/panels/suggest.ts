// A text field's own list of suggestions, the ARIA combobox pattern: typing shows the
// entries whose name holds the text, Down and Up move through them, Enter or a click picks
// one, Escape closes the list. It replaces a native <datalist>, which WebKit shows with the
// ids beside the names and which neither a click of a test nor a screen reader reaches
// reliably. Matching is on the text only; what a pick does is the caller's.
import { h } from "../dom.js";

export interface Suggestion {
  /** What a pick hands back (an id). */
  readonly value: string;
  /** What the list shows and the field takes (a name). */
  readonly label: string;
}

/** Most entries the list shows at once. */
const SHOWN = 8;

/** The entries of `all` whose label holds `query` (any case), those starting with it first,
 *  in their order otherwise; at most `SHOWN`. An empty query shows the first ones. */
export function matching(all: readonly Suggestion[], query: string): Suggestion[] {
  const q = query.trim().toLowerCase();
  if (q === "") return all.slice(0, SHOWN);
  const starts: Suggestion[] = [];
  const holds: Suggestion[] = [];
  for (const s of all) {
    const l = s.label.toLowerCase();
    if (l.startsWith(q)) starts.push(s);
    else if (l.includes(q)) holds.push(s);
    if (starts.length >= SHOWN) break;
  }
  return [...starts, ...holds].slice(0, SHOWN);
}

/** Gives `input` a list of suggestions from `all()`; `pick` is called with the one chosen
 *  (by click, or Enter on the one Down or Up marked). Returns whether a key was the list's:
 *  the field's own Enter and Escape apply only when the list did not take them. */
export function suggest(input: HTMLInputElement, all: () => readonly Suggestion[], pick: (s: Suggestion) => void): (e: KeyboardEvent) => boolean {
  const listId = `${input.id}-suggestions`;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  let list: HTMLElement | null = null;
  let shown: Suggestion[] = [];
  let active = -1;

  const close = () => {
    list?.remove();
    list = null;
    shown = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const choose = (s: Suggestion) => {
    close();
    input.value = s.label;
    pick(s);
  };
  const mark = (k: number) => {
    active = k;
    list?.querySelectorAll<HTMLElement>("[role=option]").forEach((o, n) => o.setAttribute("aria-selected", n === k ? "true" : "false"));
    if (k >= 0) {
      input.setAttribute("aria-activedescendant", `${listId}-${k}`);
      list?.querySelector(`#${CSS.escape(`${listId}-${k}`)}`)?.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const open = () => {
    shown = matching(all(), input.value);
    if (shown.length === 0 || !input.isConnected) return close();
    // one list in the window: also one left by a field the view has since drawn again
    for (const old of document.querySelectorAll(".suggestions")) old.remove();
    const options = shown.map((s, k) => {
      const o = h("li", { role: "option", id: `${listId}-${k}`, class: "suggestion", "data-testid": "suggestion", "aria-selected": "false" }, s.label);
      // pointerdown, not click: the field keeps its focus (a blur would close the list first)
      o.addEventListener("pointerdown", (e) => {
        e.preventDefault();
        choose(s);
      });
      return o;
    });
    list = h("ul", { class: "suggestions", role: "listbox", id: listId, "data-testid": "suggestions", "aria-label": input.getAttribute("aria-label") ?? "Suggestions" }, ...options);
    const r = input.getBoundingClientRect();
    list.style.left = `${Math.round(r.left)}px`;
    list.style.top = `${Math.round(r.bottom + 2)}px`;
    list.style.minWidth = `${Math.round(r.width)}px`;
    document.body.append(list);
    input.setAttribute("aria-expanded", "true");
    active = -1;
  };

  input.addEventListener("input", open);
  input.addEventListener("focus", () => {
    if (input.value.trim() !== "") open();
  });
  input.addEventListener("blur", close);
  return (e: KeyboardEvent): boolean => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!list) open();
      if (shown.length === 0) return true;
      const step = e.key === "ArrowDown" ? 1 : -1;
      mark(active < 0 ? (step > 0 ? 0 : shown.length - 1) : (active + step + shown.length) % shown.length);
      return true;
    }
    if (e.key === "Enter" && list && active >= 0) {
      e.preventDefault();
      choose(shown[active]!);
      return true;
    }
    // Enter on the text as typed is the field's (a name typed whole): the list goes
    if (e.key === "Enter") close();
    if (e.key === "Escape" && list) {
      e.preventDefault();
      e.stopPropagation();
      close();
      return true;
    }
    if (e.key === "Tab") close();
    return false;
  };
}
