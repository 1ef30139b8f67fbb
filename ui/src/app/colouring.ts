// The map's colouring: the paint of the cards (by status, team, site or wave with its
// filter, or the criticality of the last simulation) and the key over the map that picks it,
// which also names what is marked (a risk's exposure, a heat-map cell's initiatives). Which
// card falls in which entry is map/mapkey's and the Analysis tab's, from the core's data;
// this room only puts them together.
import { h, plural } from "../dom";
import { mapKey, paintFor } from "../map/mapkey";
import type { AnalysisPanel } from "../panels/analysis";
import type { Cell } from "../panels/risks";
import type { Ctx } from "./context";

export interface ColouringHost {
  readonly analysis: AnalysisPanel;
  /** The heat-map cell picked (null: the mark cleared). */
  pickCell(c: Cell | null): void;
}

export class Colouring {
  readonly keyBox = h("div", { class: "map-key-box" });

  constructor(
    private readonly ctx: Ctx,
    private readonly host: ColouringHost,
  ) {}

  /** The paint of the map from the colouring and the filter, and the key over the map. */
  repaint(): void {
    const st = this.ctx.state;
    const v = st.view;
    const m = st.model;
    if (!v || !m) return;
    const analysis = this.host.analysis;
    // a baseline of record is kept when the core gave the rows its dates
    const recorded = v.schedule?.initiatives.some((r) => r.baseline_finish !== undefined) ?? false;
    st.overlay.paint = analysis.paint(m, st.colourBy === "criticality") ?? (st.colourBy === "criticality" ? null : paintFor(m, v.plan, st.colourBy, st.filter, st.movedOnly && recorded));
    this.keyBox.replaceChildren(
      mapKey(
        {
          colourBy: st.colourBy,
          filter: st.filter,
          open: st.keyOpen,
          criticality: analysis.criticalityKey(),
          overlayLegend: analysis.exposure ? analysis.exposureLegend() : null,
          marked: analysis.exposureNote() ?? (st.riskCell && st.overlay.highlight ? `${plural(st.overlay.highlight.size, ["initiative", "initiatives"])} hit by the risks of probability ${st.riskCell.probability} × impact ${st.riskCell.impact}` : null),
          clearMarked: () => {
            analysis.clearExposure();
            this.host.pickCell(null);
          },
          setOpen: (open) => {
            st.keyOpen = open;
            this.repaint();
          },
          setColour: (a) => {
            st.colourBy = a;
            analysis.exposure = null;
            if (a === "criticality") void analysis.refresh();
            st.keyOpen = true;
            this.repaint();
            this.ctx.redraw();
          },
          setFilter: (f) => {
            st.filter = f;
            this.repaint();
            this.ctx.redraw();
          },
          moved: recorded ? { count: m.info.filter((c) => c.slip !== 0).length, on: st.movedOnly } : null,
          setMovedOnly: (on) => {
            st.movedOnly = on;
            st.keyOpen = true;
            this.repaint();
            this.ctx.redraw();
          },
        },
        v.plan,
      ),
    );
  }
}
