// What the user's commands and gestures ask of the plan, written as edits for the core:
// add an initiative (N, double-click, the toolbar), connect two cards, move cards (one
// `place` call on drop; in Seams, a drop in another lane offers a team change), arrange,
// delete the selection (naming what goes with it), add or remove a risk, team, site or wave.
// It asks the user (panels/dialogs) and makes new ids (ids.ts); every rule about what an
// edit may do is the core's, which answers with the new view or refuses.
import * as backend from "../backend";
import type { ApiError, Edit, Initiative, Placement, Removal, Risk } from "../bindings";
import { plural } from "../dom";
import { nextNumbered, uniqueId } from "../ids";
import * as S from "../map/selection";
import { askFields, askNewInitiative, confirmDelete, confirmRemove, confirmTeamChange } from "../panels/dialogs";
import type { EntityKind } from "../panels/inspector";
import type { PlanKind } from "../panels/plan";
import type { Ctx } from "./context";

/** An edit of some fields of one thing. */
export function patch(kind: EntityKind | "risk" | PlanKind, id: string, fields: Record<string, unknown>): Edit {
  return { op: "patch", value: { kind, id, fields } };
}

export interface EditsHost {
  /** The world point in the middle of the map. */
  worldCentre(): [number, number];
}

export class Edits {
  constructor(
    private readonly ctx: Ctx,
    private readonly host: EditsHost,
  ) {}

  /** The selection was dropped (dx, dy) world units from where it was. */
  moved(ids: string[], dx: number, dy: number): void {
    const st = this.ctx.state;
    const m = st.model;
    if (!m) return;
    if (st.arrangement === "seams" && ids.length === 1 && this.dropsInOtherLane(ids[0]!, dy)) {
      void this.movedToLane(ids[0]!, dy);
      return;
    }
    // place(): in Flow the new corners are kept; in Seams a card moves along its lane (x only)
    const moves: Placement[] = [];
    for (const id of ids) {
      const i = m.index.cardIndex(id);
      if (i < 0 || m.groups.has(id)) continue; // a group card is placed by the core
      const c = m.cards[i]!;
      moves.push({ id, x: Math.round(c.x + dx), y: Math.round(c.y + dy) });
    }
    if (moves.length === 0) this.ctx.redraw(); // only group cards were dragged: they go back
    if (moves.length > 0) void this.ctx.viewCall(() => backend.place(moves, st.arrangement), () => this.ctx.note(`Moved ${plural(moves.length, ["initiative", "initiatives"])}`));
  }

  /** In Seams a card's lane is its team. */
  private dropsInOtherLane(id: string, dy: number): boolean {
    const m = this.ctx.state.model;
    const i = m ? m.index.cardIndex(id) : -1;
    if (!m || i < 0) return false;
    const c = m.cards[i]!;
    const y = c.y + c.height / 2 + dy;
    const lane = m.lanes.find((l) => y >= l.top && y < l.bottom);
    return lane !== undefined && (lane.team ?? null) !== (m.initiatives.get(id)?.team ?? null);
  }

  /** Dropping one card in another lane offers to change its team. */
  private async movedToLane(id: string, dy: number): Promise<void> {
    const m = this.ctx.state.model;
    const i = m ? m.index.cardIndex(id) : -1;
    const init = m?.initiatives.get(id);
    if (!m || i < 0 || !init) return;
    const c = m.cards[i]!;
    const y = c.y + c.height / 2 + dy;
    const lane = m.lanes.find((l) => y >= l.top && y < l.bottom);
    if (!lane) return;
    if (await confirmTeamChange(init.name, lane.name)) await this.ctx.apply([patch("initiative", id, { team: lane.team })]);
    else this.ctx.redraw();
  }

  /** A handoff (finish to start, no lag) from one card to another; its id is new. */
  connect(from: string, to: string): void {
    // its id is new against every handoff: the whole plan
    if (this.ctx.state.view?.partial) {
      void this.ctx.whole().then(() => this.connect(from, to));
      return;
    }
    const m = this.ctx.state.model;
    if (!m) return;
    if (m.groups.has(from) || m.groups.has(to)) {
      this.ctx.note("A collapsed wave or site is many initiatives: expand it (double-click) to connect one of them");
      return;
    }
    let id = `${from}>${to}`;
    for (let n = 2; m.handoffs.has(id); n++) id = `${from}>${to}#${n}`;
    const edit: Edit = { op: "add_handoff", value: { id, from, to, kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false, due: null } };
    void this.ctx.apply([edit], () => {
      this.ctx.select(S.handoff(id));
      this.ctx.note(`Connected ${m.initiatives.get(from)?.name ?? from} → ${m.initiatives.get(to)?.name ?? to}: give the handoff an owner and an assumption`);
    });
  }

  /** Double-click on the empty map. */
  addAt(wx: number, wy: number): void {
    void this.addInitiative([wx, wy]);
  }

  /** Adds an initiative at a world point (null: the middle of the view). */
  async addInitiative(at: [number, number] | null): Promise<void> {
    await this.ctx.whole(); // its id is new against every initiative: the whole plan
    const st = this.ctx.state;
    const v = st.view;
    const m = st.model;
    if (!v || !m) return;
    if (st.tab !== "map") this.ctx.setTab("map");
    const [wx, wy] = at ?? this.host.worldCentre();
    const laneTeam = st.arrangement === "seams" ? (m.lanes.find((l) => wy >= l.top && wy < l.bottom)?.team ?? null) : null;
    const answer = await askNewInitiative(v.plan, laneTeam);
    if (!answer) return;
    const id = uniqueId(answer.name, m.initiatives, "initiative");
    const d = answer.likely;
    const value: Initiative = {
      id,
      name: answer.name,
      owner: answer.owner,
      team: answer.team,
      duration: { optimistic: d, likely: d, pessimistic: d },
      effort: [],
      status: "not_started",
      progress: 0,
      site: null,
      wave: null,
      start_no_earlier_than: null,
      finish_no_later_than: null,
      // the position is the Flow arrangement's; in Seams the layout places the card
      position: st.arrangement === "flow" ? { x: Math.round(wx - 90), y: Math.round(wy - 30) } : null,
      notes: "",
    };
    await this.ctx.apply([{ op: "add_initiative", value }], () => {
      this.ctx.select(S.only(id));
      this.ctx.note(`Added ${answer.name}`);
    });
  }

  async deleteSelection(): Promise<void> {
    const st = this.ctx.state;
    const v = st.view;
    const m = st.model;
    const sel = st.overlay.selection;
    // The selection is the map's (and the schedule table's): on the Risks and Plan tabs,
    // where it is not shown, Delete must not remove initiatives the user cannot see.
    if (!v || !m || S.isEmpty(sel) || (st.tab !== "map" && st.tab !== "schedule")) return;
    const name = (id: string) => m.initiatives.get(id)?.name ?? id;
    const edits: Edit[] = [];
    const goes: string[] = [];
    let what: string;
    if (sel.handoff !== null) {
      const x = m.handoffs.get(sel.handoff);
      what = x ? `the handoff ${name(x.from)} → ${name(x.to)}` : `the handoff ${sel.handoff}`;
      edits.push({ op: "remove_handoff", value: sel.handoff });
    } else {
      const ids = [...sel.cards];
      what = ids.length === 1 ? `“${name(ids[0]!)}”` : `${ids.length} initiatives`;
      // what goes with them is the core's to say (as its store removes it)
      let r: Removal;
      try {
        r = await this.ctx.run(() => backend.removal(ids));
      } catch (e) {
        this.ctx.showError(e as ApiError);
        return;
      }
      goes.push(...r.goes);
      edits.push(...r.edits);
    }
    if (!(await confirmDelete(what, goes))) return;
    await this.ctx.apply(edits, () => this.ctx.note(`Deleted ${what}`));
  }

  /** Arrange: the selected cards, or every card when nothing is selected. */
  async arrange(): Promise<void> {
    const st = this.ctx.state;
    const ids = st.overlay.selection.cards.size > 0 ? [...st.overlay.selection.cards] : null;
    await this.ctx.viewCall(() => backend.arrange(ids, st.arrangement), () => this.ctx.note(ids ? `Arranged ${plural(ids.length, ["initiative", "initiatives"])} again (Ctrl+Z undoes it)` : "Arranged the whole map again (Ctrl+Z undoes it)"));
  }

  async addRisk(): Promise<void> {
    const v = this.ctx.state.view;
    if (!v) return;
    const a = await askFields("New risk", "new-risk", [
      { name: "title", label: "What could happen", required: true },
      { name: "owner", label: "Owner", required: true, placeholder: "One named person" },
    ]);
    if (!a) return;
    const id = nextNumbered("R-", v.plan.risks.map((r) => r.id));
    const value: Risk = { id, title: a.title!, owner: a.owner!, probability: 0.5, impact: 3, mitigation: "", status: "open", initiatives: [], schedule_impact: null };
    await this.ctx.apply([{ op: "add_risk", value }], () => this.ctx.note(`Added the risk “${value.title}” (${id}): set its probability, impact and the initiatives it hits`));
  }

  async addPlanEntity(kind: PlanKind): Promise<void> {
    const v = this.ctx.state.view;
    if (!v) return;
    const p = v.plan;
    const fields = [{ name: "name", label: "Name", required: true }];
    if (kind === "site") fields.push({ name: "region", label: "Region", required: false });
    const a = await askFields(`New ${kind}`, `new-${kind}`, fields);
    if (!a) return;
    const name = a.name!;
    const taken = new Set(kind === "team" ? p.teams.map((t) => t.id) : kind === "site" ? p.sites.map((s) => s.id) : p.waves.map((w) => w.id));
    // the defaults (a team's utilization target, a wave's order) are the core's
    let edit: Edit;
    try {
      edit = await this.ctx.run(() => backend.draft(kind, uniqueId(name, taken, kind), name, a.region || null));
    } catch (e) {
      this.ctx.showError(e as ApiError);
      return;
    }
    await this.ctx.apply([edit], () => this.ctx.note(`Added the ${kind} ${name}`));
  }

  /** Removes a risk, team, site or wave after asking; the core refuses one still in use
   *  and names what uses it (shown in the banner). */
  async removeEntity(kind: "risk" | PlanKind, id: string, what: string): Promise<void> {
    if (!(await confirmRemove(what))) return;
    const op = `remove_${kind}` as "remove_risk" | "remove_team" | "remove_site" | "remove_wave";
    await this.ctx.apply([{ op, value: id }], () => this.ctx.note(`Removed ${what}`));
  }
}
