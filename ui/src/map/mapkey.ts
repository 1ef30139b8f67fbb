// The map's key: colour the cards by status, team, site or wave, with a legend whose
// entries filter (a click keeps that value; every other card is dimmed, not hidden, so the
// seams into the group stay visible). Builds the Paint the renderer draws with.
import type { Initiative, Plan } from "../bindings";
import { h, plural } from "../dom";
import { ATTRIBUTE_LABEL, ATTRIBUTES, type Attribute, dimmedBy, entryOfCards, type Filter, legend, NONE, tint, toggle, valueOf } from "./attributes";
import type { BandCount } from "./criticality";
import type { MapModel } from "./model";
import { type Paint, STATUS_COLOUR } from "./render";

/** An attribute of the initiatives, or the simulation's criticality index. */
export type Colouring = Attribute | "criticality";

export interface KeyHost {
  readonly colourBy: Colouring;
  /** The criticality legend and where its numbers come from; null before any simulation. */
  readonly criticality?: { readonly legend: readonly BandCount[]; readonly note: string } | null;
  /** A colouring that replaces the chosen one for now (a risk's exposure): its legend. */
  readonly overlayLegend?: readonly { readonly label: string; readonly colour: string }[] | null;
  readonly filter: Filter | null;
  /** The legend is shown (the head with "Colour by" always is). */
  readonly open: boolean;
  setOpen(open: boolean): void;
  setColour(a: Colouring): void;
  /** What the marked cards are (the risks of a heat-map cell), null when none are marked. */
  readonly marked: string | null;
  clearMarked(): void;
  setFilter(f: Filter | null): void;
  /** The "moved since baseline" filter: null when no baseline of record is kept, else how
   *  many initiatives moved and whether only they are shown. */
  readonly moved: { readonly count: number; readonly on: boolean } | null;
  setMovedOnly(on: boolean): void;
}

/** What the renderer needs for `colourBy` and `filter` on model `m` (with `movedOnly`, the
 *  cards that did not move since the baseline of record dimmed too); null for the plain
 *  status colours without a filter (the renderer's own). */
export function paintFor(m: MapModel, plan: Plan, colourBy: Attribute, filter: Filter | null, movedOnly = false): Paint | null {
  const deferred = plan.initiatives.some((i) => i.deferred);
  if (colourBy === "status" && filter === null && !movedOnly && !deferred) return null;
  const entries = legend(plan, colourBy, STATUS_COLOUR);
  const ids = m.cards.map((c) => c.id);
  // deferred work is greyed whatever the colouring: it is out of the schedule for now
  const dimCards = greyDeferred(ids, m.initiatives, dimmedBy(ids, m.initiatives, filter, movedOnly ? m.info.map((c) => c.slip) : null));
  let dimLinks: Uint8Array | null = null;
  if (dimCards) {
    // a handoff fades only when both its ends do: the seams into the kept group stay
    dimLinks = new Uint8Array(m.links.length);
    m.linkInfo.forEach((l, n) => {
      const a = m.index.cardIndex(l.from);
      const b = m.index.cardIndex(l.to);
      dimLinks![n] = (a < 0 || dimCards[a]) && (b < 0 || dimCards[b]) ? 1 : 0;
    });
  }
  return {
    model: m,
    entry: entryOfCards(ids, m.initiatives, colourBy, entries),
    colours: entries.map((e) => e.colour),
    tints: colourBy === "status" ? null : entries.map((e) => tint(e.colour, 0.22)),
    dimCards,
    dimLinks,
  };
}

/** `dim` with every card of deferred work dimmed too (null when nothing is dimmed). */
export function greyDeferred(ids: readonly string[], initiatives: ReadonlyMap<string, Initiative>, dim: Uint8Array | null): Uint8Array | null {
  let out = dim;
  ids.forEach((id, n) => {
    if (initiatives.get(id)?.deferred) {
      out ??= new Uint8Array(ids.length);
      out[n] = 1;
    }
  });
  return out;
}

/** Legend entries that are not filters: a swatch, a label, a count if any. */
function staticEntries(entries: readonly { readonly label: string; readonly colour: string; readonly count?: number }[]): HTMLElement[] {
  return entries.map((e) => {
    const swatch = h("span", { class: "key-swatch" });
    swatch.style.background = e.colour; // CSSOM, not an inline attribute
    return h("li", {}, h("span", { class: "key-entry static" }, swatch, h("span", { class: "key-label" }, e.label), e.count !== undefined && h("span", { class: "key-count" }, String(e.count))));
  });
}

/** The key while another colouring is laid over the chosen one (a risk's exposure): its
 *  legend and what it shows, with a way to clear it. */
function overlayKey(host: KeyHost, by: HTMLSelectElement, legend: readonly { readonly label: string; readonly colour: string }[]): HTMLElement {
  const x = h("button", { type: "button", class: "linklike", "data-testid": "map-marked-clear", id: "map-marked-clear" }, "clear");
  x.addEventListener("click", () => host.clearMarked());
  return h(
    "div",
    { class: "map-key", "data-testid": "map-key" },
    h("div", { class: "key-head" }, h("label", { for: by.id }, "Colour by"), by),
    h("p", { class: "key-marked", "data-testid": "map-marked" }, h("span", {}, host.marked ?? "", " · ", x)),
    h("ul", { class: "key-list", "data-testid": "overlay-legend" }, ...staticEntries(legend)),
  );
}

/** The key while the map is coloured by criticality: the bands with their counts. */
function criticalityKey(host: KeyHost, by: HTMLSelectElement): HTMLElement {
  const c = host.criticality;
  const items = staticEntries(c?.legend ?? []);
  return h(
    "div",
    { class: "map-key", "data-testid": "map-key" },
    h("div", { class: "key-head" }, h("label", { for: by.id }, "Colour by"), by),
    c ? h("ul", { class: "key-list", "data-testid": "criticality-legend" }, ...items) : null,
    h("p", { class: "key-foot muted", "data-testid": "criticality-note" }, c ? c.note : "No simulation yet: run one in the Analysis tab"),
  );
}

/** "Moved since baseline": a switch that dims every card whose finish did not move since the
 *  baseline of record (the core's variance); none without a baseline of record. */
function movedToggle(host: KeyHost): HTMLElement | null {
  const m = host.moved;
  if (!m) return null;
  const box = h("input", { type: "checkbox", id: "map-moved", "data-testid": "map-moved" });
  box.checked = m.on;
  box.addEventListener("change", () => host.setMovedOnly(box.checked));
  return h(
    "label",
    { class: `key-moved${m.on ? " on" : ""}`, for: "map-moved", title: "Show only the initiatives whose finish moved since the baseline of record (the others dimmed)" },
    box,
    h("span", { class: "key-label" }, "Moved since baseline"),
    h("span", { class: "key-count", "data-testid": "map-moved-count" }, String(m.count)),
  );
}

/** The control over the map: "Colour by" and the legend, each entry a filter toggle. */
export function mapKey(host: KeyHost, plan: Plan): HTMLElement {
  const by = h("select", { id: "map-colour-by", "data-testid": "map-colour-by", "aria-label": "Colour the cards by" }, ...ATTRIBUTES.map((a) => h("option", { value: a }, ATTRIBUTE_LABEL[a])), h("option", { value: "criticality" }, "Criticality"));
  by.value = host.colourBy;
  by.addEventListener("change", () => host.setColour(by.value as Colouring));
  if (host.overlayLegend) return overlayKey(host, by, host.overlayLegend);
  if (host.colourBy === "criticality") return criticalityKey(host, by);
  const colourBy: Attribute = host.colourBy;
  const f = host.filter && host.filter.by === host.colourBy ? host.filter : null;
  const entries = legend(plan, host.colourBy, STATUS_COLOUR);
  const items = entries.map((e) => {
    const kept = f?.values.has(e.key) ?? false;
    const b = h(
      "button",
      {
        type: "button",
        class: `key-entry${kept ? " on" : ""}${f && !kept ? " off" : ""}`,
        "data-testid": `map-key-${e.key === NONE ? "none" : e.key}`,
        "data-key": e.key,
        "aria-pressed": String(kept),
        title: kept ? `Stop showing only ${e.label}` : `Show only ${e.label} (others dimmed); click more to add`,
      },
      h("span", { class: "key-swatch" }),
      h("span", { class: "key-label" }, e.label),
      h("span", { class: "key-count" }, String(e.count)),
    );
    (b.firstChild as HTMLElement).style.background = e.colour; // CSSOM, not an inline attribute
    b.addEventListener("click", () => host.setFilter(toggle(host.filter, colourBy, e.key)));
    return h("li", {}, b);
  });
  const clear = h("button", { type: "button", class: "linklike", "data-testid": "map-filter-clear", id: "map-filter-clear" }, "show all");
  clear.addEventListener("click", () => host.setFilter(null));
  const dimmed = host.filter ? plan.initiatives.filter((i) => !host.filter!.values.has(valueOf(i, host.filter!.by))).length : 0;
  const open = host.open || host.filter !== null;
  let marked: HTMLElement | null = null;
  if (host.marked) {
    const x = h("button", { type: "button", class: "linklike", "data-testid": "map-marked-clear", id: "map-marked-clear" }, "clear");
    x.addEventListener("click", () => host.clearMarked());
    marked = h("p", { class: "key-marked", "data-testid": "map-marked" }, h("span", { class: "mark-ring" }), h("span", {}, host.marked, " · ", x));
  }
  const moved = movedToggle(host);
  const fold = h("button", { type: "button", class: "key-fold", id: "map-key-toggle", "data-testid": "map-key-toggle", title: open ? "Hide the legend" : "Show the legend (click an entry to filter)", "aria-expanded": String(open) }, open ? "▴" : "▾");
  fold.addEventListener("click", () => host.setOpen(!open));
  if (!open) return h("div", { class: "map-key folded", "data-testid": "map-key" }, h("div", { class: "key-head" }, h("label", { for: by.id }, "Colour by"), by, fold), moved, marked);
  return h(
    "div",
    { class: "map-key", "data-testid": "map-key" },
    h("div", { class: "key-head" }, h("label", { for: by.id }, "Colour by"), by, fold),
    moved,
    h("ul", { class: "key-list" }, ...items),
    host.filter
      ? h("p", { class: "key-foot", "data-testid": "map-filter-note" }, `${plural(dimmed, ["card", "cards"])} dimmed by ${ATTRIBUTE_LABEL[host.filter.by].toLowerCase()} · `, clear)
      : h("p", { class: "key-foot muted" }, "Click an entry to show only it"),
    marked,
  );
}
