// The Analysis tab's charts, drawn as SVG built with DOM calls (no chart library, no inline
// style: the CSP forbids them; looks live in analysis.css). Every number drawn is the
// core's (api::analysis): the S-curve's points, the histogram's bins, the percentiles, the
// target, the axis' ticks with their dates, the tornado's bars. This module only maps them
// to pixels.
import { wrapWords } from "../text";
import type { DriverBar, SimulationView } from "../bindings";
import { svg } from "../dom";

const s = svg;

const pct = (p: number) => `${Math.round(p * 100)}%`;
const days = (d: number) => `${Math.abs(d) < 10 ? d.toFixed(1) : Math.round(d)} d`;

interface Marker {
  readonly days: number;
  readonly label: string;
  readonly cls: string;
}

/** The finish distribution: the histogram of finishes (bars), the S-curve over it (the
 *  share of runs finished by each date), and CPM's finish, P50, P80 and the target marked. */
export function finishChart(v: SimulationView, width = 1100, height = 330): SVGSVGElement {
  const m = { left: 52, right: 20, top: 46, bottom: 44 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const span = Math.max(1e-9, v.axis_to - v.axis_from);
  const x = (d: number) => m.left + ((d - v.axis_from) / span) * w;
  const y = (p: number) => m.top + (1 - p) * h;
  const svg = s("svg", { class: "chart finish-chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Finish distribution: P50 ${v.p50.date}, P80 ${v.p80.date}` });
  svg.dataset.testid = "finish-chart";

  // grid and the probability axis
  const grid = s("g", { class: "grid" });
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    grid.append(s("line", { x1: m.left, x2: m.left + w, y1: y(p), y2: y(p), class: p === 0 ? "axis-line" : "grid-line" }));
    grid.append(s("text", { x: m.left - 8, y: y(p) + 4, class: "tick-label end" }, pct(p)));
  }
  for (const t of v.ticks) {
    grid.append(s("line", { x1: x(t.days), x2: x(t.days), y1: m.top + h, y2: m.top + h + 5, class: "axis-line" }));
    grid.append(s("text", { x: x(t.days), y: m.top + h + 19, class: "tick-label middle" }, t.label));
  }
  grid.append(s("text", { x: 14, y: m.top + h / 2, class: "axis-title middle", transform: `rotate(-90 14 ${m.top + h / 2})` }, "Chance of finishing by then"));
  grid.append(s("text", { x: m.left + w / 2, y: height - 6, class: "axis-title middle" }, "Plan finish date"));
  svg.append(grid);

  // the histogram, scaled to the tallest bar (its own scale: a bar's height is its share
  // of runs relative to the tallest)
  const top = Math.max(1e-9, ...v.histogram.map((b) => b.share));
  const bars = s("g", { class: "hist" });
  for (const b of v.histogram) {
    if (b.count === 0) continue;
    const x0 = x(b.from_days);
    const bh = (b.share / top) * h * 0.55;
    bars.append(s("rect", { x: x0 + 0.5, y: m.top + h - bh, width: Math.max(1, x(b.to_days) - x0 - 1), height: bh }, s("title", {}, `${b.count} runs (${pct(b.share)})`)));
  }
  svg.append(bars);

  // the S-curve
  const pts = v.s_curve.map((c) => `${x(c.days).toFixed(1)},${y(c.probability).toFixed(1)}`);
  const last = v.s_curve[v.s_curve.length - 1];
  if (last) pts.push(`${x(v.axis_to).toFixed(1)},${y(last.probability).toFixed(1)}`);
  const first = v.s_curve[0];
  if (first) pts.unshift(`${x(v.axis_from).toFixed(1)},${y(0).toFixed(1)}`);
  svg.append(s("polyline", { points: pts.join(" "), class: "s-curve" }));

  // the marks, with labels in rows so that close ones do not overlap
  const marks: Marker[] = [
    { days: v.cpm.days, label: `If nothing slips ${v.cpm.date}`, cls: "mark-cpm" },
    { days: v.p50.days, label: `P50 ${v.p50.date}`, cls: "mark-p50" },
    { days: v.p80.days, label: `P80 ${v.p80.date}`, cls: "mark-p80" },
  ];
  if (v.target) marks.push({ days: v.target.days, label: `Target ${v.target.date} · ${pct(v.target.probability)}`, cls: "mark-target" });
  marks.sort((a, b) => a.days - b.days);
  const rowEnds: number[] = [];
  const labels = s("g", { class: "marks" });
  for (const mk of marks) {
    const mx = x(mk.days);
    const textWidth = mk.label.length * 6.4 + 8;
    // centre the label on its line, kept inside the plot
    const left = Math.min(Math.max(mx - textWidth / 2, m.left), m.left + w - textWidth);
    let row = rowEnds.findIndex((end) => end < left);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = left + textWidth;
    const ly = m.top - 30 + row * 15;
    labels.append(s("line", { x1: mx, x2: mx, y1: ly + 4, y2: m.top + h, class: `mark ${mk.cls}` }));
    labels.append(s("rect", { x: left, y: ly - 10, width: textWidth, height: 14, rx: 3, class: `mark-bg ${mk.cls}` }));
    labels.append(s("text", { x: left + textWidth / 2, y: ly + 1, class: `mark-label middle ${mk.cls}` }, mk.label));
  }
  // the curve crosses 50% and 80% at the marks: dots there
  for (const [d, p, cls] of [[v.p50.days, 0.5, "mark-p50"], [v.p80.days, 0.8, "mark-p80"]] as const) {
    labels.append(s("circle", { cx: x(d), cy: y(p), r: 4, class: `dot ${cls}` }));
  }
  svg.append(labels);
  return svg;
}

/** The tornado: one bar per measured risk, how many working days it adds to P80 (its P50
 *  shift as a thin bar inside). A click on a bar calls `pick` with the risk's id. */
export function tornadoChart(bars: readonly DriverBar[], pick: (risk: string) => void, width = 660): SVGSVGElement {
  // two lines a row: a risk's title is read whole, not cut at 34 characters
  const rowH = 34;
  const m = { left: 250, right: 70, top: 8, bottom: 24 };
  const height = m.top + m.bottom + Math.max(1, bars.length) * rowH;
  const w = width - m.left - m.right;
  const lo = Math.min(0, ...bars.map((b) => Math.min(b.p80_delta_days, b.p50_delta_days)));
  const hi = Math.max(1e-9, ...bars.map((b) => Math.max(b.p80_delta_days, b.p50_delta_days)));
  const x = (d: number) => m.left + ((d - lo) / (hi - lo)) * w;
  const svg = s("svg", { class: "chart tornado", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Risk drivers: days each risk adds to P80" });
  svg.dataset.testid = "tornado";
  bars.forEach((b, n) => {
    const y0 = m.top + n * rowH;
    // about 6.8 px a character at the label's size: what fits in the left margin, on two lines
    const lines = wrapWords(b.title, 34, 2);
    const g = s(
      "g",
      { class: "bar-row", tabindex: 0, role: "button", "data-risk": b.risk, "aria-label": `${b.title}: +${days(b.p80_delta_days)} at P80. Show what it can delay on the map` },
      s("title", {}, `${b.title} (${b.risk})\nP80 +${days(b.p80_delta_days)} · P50 +${days(b.p50_delta_days)}\nClick: what it can delay, on the map`),
      s("rect", { x: 0, y: y0, width, height: rowH, class: "row-hit" }),
      s("text", { x: m.left - 8, y: y0 + rowH / 2 + 4 - (lines.length - 1) * 6.5, class: "bar-label end" }, ...lines.map((l, k) => s("tspan", { x: m.left - 8, dy: k === 0 ? "0" : "13" }, l))),
      s("rect", { x: Math.min(x(0), x(b.p80_delta_days)), y: y0 + 4, width: Math.max(1.5, Math.abs(x(b.p80_delta_days) - x(0))), height: rowH - 8, rx: 2, class: "bar-p80" }),
      s("rect", { x: Math.min(x(0), x(b.p50_delta_days)), y: y0 + rowH / 2 - 2, width: Math.max(0, Math.abs(x(b.p50_delta_days) - x(0))), height: 4, class: "bar-p50" }),
      s("text", { x: Math.max(x(b.p80_delta_days), x(0)) + 6, y: y0 + rowH / 2 + 4, class: "bar-value" }, `+${days(b.p80_delta_days)}`),
    );
    g.addEventListener("click", () => pick(b.risk));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick(b.risk);
      }
    });
    svg.append(g);
  });
  const axisY = m.top + bars.length * rowH;
  svg.append(s("line", { x1: x(0), x2: x(0), y1: m.top, y2: axisY, class: "axis-line" }));
  svg.append(s("text", { x: m.left + w / 2, y: axisY + 17, class: "axis-title middle" }, "Working days added to P80 (thin bar: P50)"));
  return svg;
}
