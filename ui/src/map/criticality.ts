// The map coloured by the simulation's numbers: each card and seam by its criticality index
// (the share of runs in which it drove the plan's finish), or one risk's downstream
// exposure (what it hits, what it can delay). The numbers are the core's (api::analysis);
// this module only sorts them into the legend's bands and builds the renderer's Paint.
// Pure: no DOM, tested by node --test.
import type { RiskReach, Share } from "../bindings";
import type { Paint } from "./render";

/** What a paint needs of the map's model (MapModel has it). */
export interface Drawn {
  readonly cards: readonly { readonly id: string }[];
  readonly linkInfo: readonly { readonly id: string; readonly from: string; readonly to: string }[];
}

export interface Band {
  /** The least share in the band (inclusive). */
  readonly min: number;
  readonly label: string;
  readonly colour: string;
  /** A seam's line width in the band, in screen pixels. */
  readonly width: number;
}

/** From the most critical down; a share below the last band's min is not coloured. A
 *  sequential scale that reads in greyscale too. */
export const BANDS: readonly Band[] = [
  { min: 0.8, label: "≥ 80% of runs", colour: "#99000d", width: 6 },
  { min: 0.5, label: "50–80%", colour: "#e34a33", width: 4.5 },
  { min: 0.2, label: "20–50%", colour: "#fc8d59", width: 3.5 },
  { min: 0.01, label: "1–20%", colour: "#fdcc8a", width: 2.5 },
];
export const NOT_CRITICAL = { label: "< 1% of runs", colour: "#d7dce3" } as const;

/** The band of a share: an index in BANDS, or BANDS.length when below them all. */
export function bandOf(share: number): number {
  const k = BANDS.findIndex((b) => share >= b.min);
  return k < 0 ? BANDS.length : k;
}

export interface BandCount {
  readonly label: string;
  readonly colour: string;
  readonly count: number;
}

/** The legend: each band (and "below") with how many initiatives fall in it. */
export function criticalityLegend(shares: readonly Share[]): BandCount[] {
  const counts = new Array<number>(BANDS.length + 1).fill(0);
  for (const s of shares) counts[bandOf(s.share)]! += 1;
  return [...BANDS.map((b, k) => ({ label: b.label, colour: b.colour, count: counts[k]! })), { ...NOT_CRITICAL, count: counts[BANDS.length]! }];
}

/** Cards and seams coloured by criticality (model `m`): a card's band colours its stripe
 *  and tint, a handoff's band its weight; what never drove the finish is dimmed. */
export function criticalityPaint<M extends Drawn>(m: M, cards: readonly Share[], handoffs: readonly Share[]): Paint {
  const card = new Map(cards.map((s) => [s.id, s.share]));
  const link = new Map(handoffs.map((s) => [s.id, s.share]));
  const entry = new Int32Array(m.cards.length);
  const dimCards = new Uint8Array(m.cards.length);
  m.cards.forEach((c, n) => {
    const b = bandOf(card.get(c.id) ?? 0);
    entry[n] = b;
    dimCards[n] = b === BANDS.length ? 1 : 0;
  });
  const linkEntry = new Int32Array(m.linkInfo.length);
  const dimLinks = new Uint8Array(m.linkInfo.length);
  m.linkInfo.forEach((l, n) => {
    const b = bandOf(link.get(l.id) ?? 0);
    linkEntry[n] = b === BANDS.length ? -1 : b;
    dimLinks[n] = b === BANDS.length ? 1 : 0;
  });
  const colours = [...BANDS.map((b) => b.colour), NOT_CRITICAL.colour];
  return {
    model: m as never,
    entry,
    colours,
    tints: colours.map((c) => tint(c, 0.25)),
    dimCards,
    dimLinks,
    links: { entry: linkEntry, colours: BANDS.map((b) => b.colour), widths: BANDS.map((b) => b.width) },
  };
}

/** The entries of a risk's exposure on the map, in legend order. */
export const EXPOSURE = [
  { label: "Hit by the risk", colour: "#7f0000" },
  { label: "Delayed downstream", colour: "#e34a33" },
  { label: "Reachable, not delayed", colour: "#fdbb84" },
  { label: "Reachable downstream", colour: "#e34a33" },
] as const;

/** Which entry of EXPOSURE each reached initiative is in (hits first; measured delays split
 *  the rest); initiatives not reached are absent. */
export function exposureEntries(r: RiskReach): Map<string, number> {
  const hits = new Set(r.hits);
  const out = new Map<string, number>();
  for (const x of r.reached) {
    if (hits.has(x.id)) out.set(x.id, 0);
    else if (!r.measured) out.set(x.id, 3);
    else out.set(x.id, (x.p80_delay_days ?? 0) > 0 ? 1 : 2);
  }
  return out;
}

/** A risk's exposure on model `m`: what it can delay coloured, everything else dimmed; a
 *  handoff inside the reached set drawn heavy. */
export function exposurePaint<M extends Drawn>(m: M, r: RiskReach): Paint {
  const at = exposureEntries(r);
  const entry = new Int32Array(m.cards.length);
  const dimCards = new Uint8Array(m.cards.length);
  m.cards.forEach((c, n) => {
    const e = at.get(c.id);
    entry[n] = e ?? -1;
    dimCards[n] = e === undefined ? 1 : 0;
  });
  const linkEntry = new Int32Array(m.linkInfo.length);
  const dimLinks = new Uint8Array(m.linkInfo.length);
  m.linkInfo.forEach((l, n) => {
    const inside = at.has(l.from) && at.has(l.to);
    linkEntry[n] = inside ? 0 : -1;
    dimLinks[n] = inside ? 0 : 1;
  });
  const colours = EXPOSURE.map((e) => e.colour);
  return {
    model: m as never,
    entry,
    colours,
    tints: colours.map((c) => tint(c, 0.22)),
    dimCards,
    dimLinks,
    links: { entry: linkEntry, colours: ["#b30000"], widths: [3.5] },
  };
}

/** "#rrggbb" mixed with white: `amount` of the colour. */
function tint(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(255 - (255 - c) * amount);
  return `#${((1 << 24) | (mix((n >> 16) & 255) << 16) | (mix((n >> 8) & 255) << 8) | mix(n & 255)).toString(16).slice(1)}`;
}
