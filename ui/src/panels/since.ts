// "Since <baseline>" (issue 27, item 5), under the Update tab's list: pick a baseline kept in
// the plan file, or keep one now; the plan's finish then and now, and each moved initiative
// with its causes, in the core's words (api::since, the wording of `bridger diff` and the
// brief). A name shows the initiative on the map; a cause's handoffs are shown with it. The
// baseline picked can be made the baseline of record (what the Timeline's baseline bars, the
// map's move badges and the variance are measured against) or deleted; neither is an edit.
import type { SinceView } from "../bindings";
import { button, h, plural } from "../dom";
import { signed, signedDays as days } from "../words";

export interface SinceHost {
  pick(name: string): void;
  keep(name: string): void;
  /** Make `name` the baseline of record. */
  ofRecord(name: string): void;
  /** Delete the baseline `name` (the user is asked first). */
  remove(name: string): void;
  /** These initiatives and handoffs selected and shown on the map. */
  showOnMap(cards: readonly string[], handoffs: readonly string[]): void;
}


export function sinceCard(host: SinceHost, v: SinceView | null): HTMLElement {
  const name = h("input", { type: "text", autocomplete: "off", placeholder: "e.g. Week 49 review", class: "s-name", id: "baseline-name", "data-testid": "baseline-name", "aria-label": "Name of the baseline to keep" });
  const keep = () => {
    if (name.value.trim()) host.keep(name.value.trim());
  };
  name.addEventListener("keydown", (e) => {
    if (e.key === "Enter") keep();
  });
  const keepRow = h("div", { class: "s-keep" }, name, button("baseline-keep", "Keep baseline", "Keep the plan as it is now under this name, to compare with later (not an edit: nothing to undo)", keep, "btn small"));
  const card = h("section", { class: "s-card", "data-testid": "since" });
  if (!v || !v.since) {
    card.append(
      h("div", { class: "panel-head" }, h("h3", {}, "Since the last baseline"), h("span", { class: "muted" }, "no baseline kept yet: keep one at this review, and the next one shows what moved and why")),
      keepRow,
    );
    return card;
  }
  const picker = h("select", { id: "baseline-pick", "data-testid": "baseline-pick", "aria-label": "The baseline to compare with" });
  for (const b of v.baselines) picker.append(h("option", { value: b.name }, `${b.name}${b.of_record ? " (of record)" : ""}${b.status_date ? ` · as of ${b.status_date}` : ""}`));
  picker.value = v.since.name;
  picker.addEventListener("change", () => host.pick(picker.value));
  const picked = v.since.name;
  const record = v.baselines.find((b) => b.name === picked)?.of_record ?? false;
  const recordControl = record
    ? h("span", { class: "c-chip fits", "data-testid": "baseline-is-record", title: "The Timeline's baseline bars, the map's move badges and the variance are measured against it" }, "Baseline of record")
    : button("baseline-of-record", "Make baseline of record", "Measure the Timeline's baseline bars, the map's move badges and the variance against this baseline (not an edit: nothing to undo)", () => host.ofRecord(picked), "btn small");
  const remove = button("baseline-delete", "Delete…", `Delete the baseline “${picked}” (not an edit: Undo does not bring it back)`, () => host.remove(picked), "btn small");
  const finish = v.finish_change_days;
  card.append(
    h("div", { class: "panel-head" }, h("h3", {}, `Since ${v.since.name}`), picker, recordControl, remove, h("div", { class: "push" }, keepRow)),
    h(
      "p",
      { class: "s-finish", "data-testid": "since-finish" },
      "The plan's finish: ",
      h("strong", {}, `${v.finish_before} → ${v.finish_after}`),
      " ",
      h("span", { class: `s-badge${finish > 0 ? " late" : finish < 0 ? " early" : ""}` }, days(finish)),
      v.finish_causes.length > 0 ? h("span", { class: "muted" }, ` — ${v.finish_causes.map((c) => `${c.words} ${signed(c.days)}`).join("; ")}`) : "",
    ),
  );
  if (!v.explained) card.append(h("p", { class: "muted" }, "This baseline was kept with dates only: the moves have no causes."));
  if (v.moved.length === 0) {
    card.append(h("p", { class: "muted", "data-testid": "since-none" }, "No initiative moved."));
    return card;
  }
  card.append(h("p", { class: "muted s-count" }, `${plural(v.moved.length, ["initiative moved", "initiatives moved"])}, largest first`));
  const list = h("ul", { class: "s-moved", "data-testid": "since-moved" });
  for (const m of v.moved) {
    const link = h("button", { type: "button", class: "u-link", title: "Show it on the map" }, m.name);
    link.addEventListener("click", () => host.showOnMap([m.id], []));
    const causes = h("ul", { class: "s-causes" });
    for (const c of m.causes) {
      const cause = h("button", { type: "button", class: "s-cause", title: c.via.length > 0 ? "Show it and its path on the map" : "Show it on the map" }, h("span", { class: "s-days" }, signed(c.days)), ` ${c.words}`, c.via_names.length === 0 ? "" : h("span", { class: "muted", title: c.via_names.join("\n") }, c.via_names.length <= 2 ? ` via ${c.via_names.join(", ")}` : ` via ${c.via_names.length} handoffs`));
      cause.addEventListener("click", () => host.showOnMap([m.id], c.via));
      causes.append(h("li", {}, cause));
    }
    list.append(h("li", { "data-id": m.id, "data-testid": "since-row" }, h("div", { class: "s-row" }, h("span", { class: `s-badge${m.days > 0 ? " late" : " early"}` }, days(m.days)), link), causes));
  }
  card.append(list);
  return card;
}
