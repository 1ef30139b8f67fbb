// The side panel of what the map draws for a collapsed wave or site (issue 28): a group card
// (its counts, status, dates and the sites unlike their wave, as the core summed them up), a
// line of several handoffs (its count, critical or not, how many are open), and under an
// initiative of a rollout the buttons that collapse its site or its wave again. Expanding and
// collapsing are view state: the core lays the map out again (what a change collapses is its
// rule, `layout::FoldChange`); nothing here is counted or dated.
import type { FoldChange, GroupSummary, Initiative, LinkSummary, Plan, Status } from "../bindings";
import { button, h, plural } from "../dom";

export interface GroupHost {
  fold(change: FoldChange): void;
}

const STATUS_NAME: Record<Status, string> = { not_started: "Not started", on_track: "On track", at_risk: "At risk", blocked: "Blocked", done: "Done" };

/** A group card selected: what it stands for and how to open it. */
export function groupInspector(host: GroupHost, plan: Plan, g: GroupSummary): HTMLElement {
  const kind = g.kind === "wave" ? "Wave" : "Site";
  const counts = g.status_counts;
  const wave = g.kind === "site" ? plan.sites.find((s) => s.id === g.of)?.wave : null;
  const waveName = wave ? (plan.waves.find((w) => w.id === wave)?.name ?? wave) : null;
  return h(
    "div",
    { class: "inspector", "data-testid": "inspector-group", "data-id": g.id, "data-kind": g.kind },
    h(
      "header",
      { class: "insp-head" },
      h("span", { class: "insp-kind" }, `${kind} ${g.name}, collapsed`),
      g.critical && h("span", { class: "tag tag-critical" }, "critical"),
    ),
    h(
      "dl",
      { class: "insp-dates", "data-testid": "group-figures" },
      h("dt", {}, "Start"),
      h("dd", {}, g.start ?? "—"),
      h("dt", {}, "Finish"),
      h("dd", {}, g.finish ?? "—"),
      h("dt", {}, "Initiatives"),
      h("dd", {}, String(g.initiatives)),
      h("dt", {}, "Sites"),
      h("dd", {}, String(g.sites)),
    ),
    h(
      "ul",
      { class: "group-status", "data-testid": "group-status" },
      ...(Object.keys(STATUS_NAME) as Status[]).filter((s) => counts[s] > 0).map((s) => h("li", {}, h("span", { class: `swatch st-${s}` }), `${STATUS_NAME[s]}: ${counts[s]}`)),
      counts.in_progress > 0 ? h("li", { class: "muted" }, `${counts.in_progress} started`) : null,
    ),
    h(
      "div",
      { class: "group-actions" },
      button("group-expand", g.kind === "wave" ? "Expand wave" : "Expand site", g.kind === "wave" ? "Show this wave's own work, each of its sites one card (or double-click the card)" : "Show this site's work card by card (or double-click the card)", () =>
        host.fold(g.kind === "wave" ? { op: "expand_wave", id: g.of } : { op: "expand_site", id: g.of }),
      ),
      wave && waveName ? button("group-collapse-wave", `Collapse ${waveName}`, `Draw ${waveName} as one card again`, () => host.fold({ op: "collapse_wave", id: wave })) : null,
    ),
    g.flags.length > 0
      ? h(
          "section",
          { class: "group-flags", "data-testid": "group-flags" },
          h("h3", {}, g.kind === "wave" ? `${plural(g.flagged_sites, ["site", "sites"])} unlike their wave` : "Unlike its wave"),
          h("ul", {}, ...g.flags.map((f) => h("li", { "data-code": f.code }, f.reason))),
        )
      : null,
  );
}

/** A line of several handoffs selected: what it stands for. */
export function linkPanel(host: GroupHost, name: (id: string) => string, l: LinkSummary, groups: ReadonlyMap<string, GroupSummary>): HTMLElement {
  const open = (id: string) => {
    const g = groups.get(id);
    return g ? button(`link-expand-${g.kind}`, `Expand ${g.name}`, `Show the work of ${g.name}`, () => host.fold(g.kind === "wave" ? { op: "expand_wave", id: g.of } : { op: "expand_site", id: g.of })) : null;
  };
  return h(
    "div",
    { class: "inspector", "data-testid": "inspector-link", "data-id": l.id },
    h("header", { class: "insp-head" }, h("span", { class: "insp-kind" }, plural(l.count, ["handoff", "handoffs"])), l.critical && h("span", { class: "tag tag-critical" }, "critical")),
    h("p", { class: "muted" }, `From ${name(l.from)} to ${name(l.to)}.`),
    h("p", { class: l.open > 0 ? "bad group-open" : "muted" }, l.open > 0 ? `${l.open} of them nobody owns or the receiving side has not confirmed.` : "Every one is owned and confirmed."),
    h("div", { class: "group-actions" }, open(l.from), open(l.to)),
  );
}

/** Under an initiative of an expanded site or wave: collapse it again. Null for other work. */
export function foldButtons(host: GroupHost, plan: Plan, i: Initiative): HTMLElement | null {
  const site = i.site ? plan.sites.find((s) => s.id === i.site) : undefined;
  const waveId = i.wave ?? site?.wave ?? null;
  const wave = waveId ? plan.waves.find((w) => w.id === waveId) : undefined;
  if (!site && !wave) return null;
  return h(
    "div",
    { class: "group-actions", "data-testid": "fold-buttons" },
    site ? button("collapse-site", `Collapse ${site.name}`, `Draw the work of ${site.name} as one card`, () => host.fold({ op: "collapse_site", id: site.id })) : null,
    wave ? button("collapse-wave", `Collapse ${wave.name}`, `Draw the work of ${wave.name} as one card`, () => host.fold({ op: "collapse_wave", id: wave.id })) : null,
  );
}
