// Find: the box in the header (Ctrl+F) that selects, centres and flashes the initiatives
// whose name, id or owner holds the text, one after another (Enter: next, Shift+Enter:
// previous, Escape: done). It matches text only; it changes nothing in the plan.
import { h } from "../dom";
import * as S from "../map/selection";
import type { Ctx } from "./context";

export class Search {
  readonly input = h("input", { type: "search", class: "search", placeholder: "Find initiative  (Ctrl+F)", "data-testid": "search", id: "search", "aria-label": "Find an initiative" });
  private hits: string[] = [];
  private at = -1;
  private query = "";

  constructor(private readonly ctx: Ctx) {
    // it finds work drawn inside a collapsed wave or site too: the whole plan
    this.input.addEventListener("focus", () => void ctx.whole());
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.find(this.input.value, e.shiftKey ? -1 : 1);
      } else if (e.key === "Escape") {
        this.input.value = "";
        this.input.blur();
        ctx.state.overlay.flash = null;
        ctx.redraw();
      }
    });
  }

  /** Ctrl+F: into the box, its text selected. */
  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private find(text: string, dir: 1 | -1): void {
    const st = this.ctx.state;
    const v = st.view;
    const q = text.trim().toLowerCase();
    if (!v || !q) return;
    if (q !== this.query) {
      this.query = q;
      this.hits = v.plan.initiatives.filter((i) => i.name.toLowerCase().includes(q) || i.id.toLowerCase().includes(q) || i.owner.toLowerCase().includes(q)).map((i) => i.id);
      this.at = dir === 1 ? -1 : 0;
    }
    if (this.hits.length === 0) {
      this.ctx.note(`No initiative matches “${text.trim()}”`);
      this.input.classList.add("miss");
      return;
    }
    this.input.classList.remove("miss");
    const n = this.hits.length;
    this.at = (((this.at + dir) % n) + n) % n;
    const id = this.hits[this.at]!;
    if (st.tab !== "map") this.ctx.setTab("map");
    this.ctx.select(S.only(id));
    st.overlay.flash = id;
    this.ctx.centreOnCard(id);
    this.ctx.note(`Found ${this.at + 1} of ${n} (Enter: next, Shift+Enter: previous)`);
  }
}
