// Small modal forms over the window: add an initiative (name and owner are required by the
// model), confirm a deletion (naming what goes with it), and the error banner that shows a
// refused edit in the core's words.
import type { Paper, Plan } from "../bindings";
import { type Child, h } from "../dom";
import { GLOSSARY } from "../glossary";
import { explain, type Term, termSlug } from "../words";

/** A modal layer; resolves with the value of `submit`, or null when cancelled. */
function modal<T>(title: string, testid: string, body: Child[], submitLabel: string, submit: () => T | undefined, danger = false): Promise<T | null> {
  return new Promise((resolve) => {
    const ok = h("button", { type: "submit", class: danger ? "btn danger" : "btn primary", "data-testid": `${testid}-ok` }, submitLabel);
    const cancel = h("button", { type: "button", class: "btn", "data-testid": `${testid}-cancel` }, "Cancel");
    const form = h("form", { class: "dialog", "data-testid": testid, role: "dialog", "aria-modal": "true", "aria-label": title }, h("h2", {}, title), ...body, h("div", { class: "dialog-actions" }, cancel, ok));
    const layer = h("div", { class: "modal" }, form);
    const close = (value: T | null) => {
      layer.remove();
      document.removeEventListener("keydown", esc, true);
      resolve(value);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        close(null);
      }
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const v = submit();
      if (v !== undefined) close(v);
    });
    cancel.addEventListener("click", () => close(null));
    layer.addEventListener("pointerdown", (e) => {
      if (e.target === layer) close(null);
    });
    document.addEventListener("keydown", esc, true);
    document.body.append(layer);
    (form.querySelector<HTMLElement>("input, select") ?? ok).focus();
  });
}

export interface NewInitiative {
  name: string;
  owner: string;
  team: string | null;
  likely: number;
}

export function askNewInitiative(plan: Plan, team: string | null): Promise<NewInitiative | null> {
  const name = h("input", { type: "text", required: "", id: "new-name", "data-testid": "new-name", autocomplete: "off" });
  const owner = h("input", { type: "text", required: "", id: "new-owner", "data-testid": "new-owner", autocomplete: "off", placeholder: "One named person" });
  const teamSel = h("select", { id: "new-team", "data-testid": "new-team" }, h("option", { value: "" }, "—"), ...plan.teams.map((t) => h("option", { value: t.id }, t.name)));
  teamSel.value = team ?? "";
  const days = h("input", { type: "number", min: "0", step: "1", id: "new-days", "data-testid": "new-days" });
  days.value = "5";
  const f = (label: string, input: HTMLElement) => h("label", { class: "field", for: input.id }, h("span", { class: "field-label" }, label), input);
  return modal(
    "New initiative",
    "new-initiative",
    [f("Name", name), f("Owner", owner), h("div", { class: "two" }, f("Team", teamSel), f("Duration (working days)", days))],
    "Add",
    () => {
      if (!name.value.trim() || !owner.value.trim() || !days.checkValidity()) return undefined;
      return { name: name.value.trim(), owner: owner.value.trim(), team: teamSel.value || null, likely: Number(days.value || "0") };
    },
  );
}

/** Asks before deleting; `goes` lists what is removed along with the selection. */
export function confirmDelete(what: string, goes: string[]): Promise<true | null> {
  const body: Child[] = [h("p", {}, `Delete ${what}?`)];
  if (goes.length > 0) {
    body.push(h("p", { class: "muted" }, "This also removes:"));
    const shown = goes.slice(0, 12);
    body.push(h("ul", { class: "goes", "data-testid": "delete-goes" }, ...shown.map((g) => h("li", {}, g)), goes.length > shown.length && h("li", { class: "muted" }, `and ${goes.length - shown.length} more`)));
  }
  body.push(h("p", { class: "muted" }, "Undo (Ctrl+Z) brings it all back."));
  return modal("Delete", "confirm-delete", body, "Delete", () => true as const, true);
}

export function confirmTeamChange(name: string, team: string): Promise<true | null> {
  return modal("Change team", "confirm-team", [h("p", {}, `Move “${name}” to the team ${team}?`)], "Change team", () => true as const);
}

export interface AskField {
  readonly name: string;
  readonly label: string;
  readonly required?: boolean;
  readonly placeholder?: string;
  readonly value?: string;
  readonly type?: "text" | "number";
}

/** A small form of text fields (a new team, site, wave or risk); the trimmed values by
 *  name, or null when cancelled. Field ids are `${testid}-${name}`. */
export function askFields(title: string, testid: string, fields: readonly AskField[], submitLabel = "Add"): Promise<Record<string, string> | null> {
  const inputs = fields.map((f) => {
    const i = h("input", { type: f.type ?? "text", id: `${testid}-${f.name}`, "data-testid": `${testid}-${f.name}`, autocomplete: "off", placeholder: f.placeholder, required: f.required ? "" : undefined, step: f.type === "number" ? "any" : undefined });
    i.value = f.value ?? "";
    return i;
  });
  const body = fields.map((f, n) => h("label", { class: "field", for: inputs[n]!.id }, h("span", { class: "field-label" }, f.label), inputs[n]!));
  return modal(title, testid, body, submitLabel, () => {
    if (inputs.some((i, n) => (fields[n]!.required && !i.value.trim()) || !i.checkValidity())) return undefined;
    return Object.fromEntries(fields.map((f, n) => [f.name, inputs[n]!.value.trim()]));
  });
}

/** Asks before removing a risk, team, site or wave (Undo brings it back). */
export function confirmRemove(what: string): Promise<true | null> {
  return modal("Remove", "confirm-remove", [h("p", {}, `Remove ${what}?`), h("p", { class: "muted" }, "Undo (Ctrl+Z) brings it back.")], "Remove", () => true as const, true);
}

/** Asks before deleting a baseline: not an edit, so Undo does not bring it back. */
export function confirmDeleteBaseline(name: string, ofRecord: boolean): Promise<true | null> {
  const body: Child[] = [h("p", {}, `Delete the baseline “${name}”?`), h("p", { class: "muted" }, "A baseline is not an edit: Undo does not bring it back.")];
  if (ofRecord) body.push(h("p", { class: "muted" }, "It is the baseline of record: the earliest baseline left takes its place."));
  return modal("Delete baseline", "confirm-delete-baseline", body, "Delete", () => true as const, true);
}

/** What the brief is printed on and as of when. */
export interface BriefChoice {
  paper: Paper;
  /** YYYY-MM-DD: "as of" on every page. */
  date: string;
}

/** Asks the paper and the date of the brief (as `bridger brief --paper --date` takes them);
 *  null when cancelled. `today` is the default date. */
export function askBrief(today: string): Promise<BriefChoice | null> {
  const paper = h("select", { id: "brief-paper", "data-testid": "brief-paper" }, h("option", { value: "a4" }, "A4"), h("option", { value: "letter" }, "US Letter"));
  const date = h("input", { type: "date", required: "", id: "brief-date", "data-testid": "brief-date" });
  date.value = today;
  const f = (label: string, input: HTMLElement) => h("label", { class: "field", for: input.id }, h("span", { class: "field-label" }, label), input);
  return modal("Brief (PDF)", "brief-options", [h("div", { class: "two" }, f("Paper", paper), f("As of", date)), h("p", { class: "muted" }, "Next: where to save it.")], "Choose file…", () => {
    if (!date.value || !date.checkValidity()) return undefined;
    return { paper: paper.value as Paper, date: date.value };
  });
}

/** The glossary (docs/glossary.md, by its generated copy): every term the window uses, in
 * plain words. `focus`: a term to scroll to and mark. */
export function showGlossary(focus?: string): Promise<true | null> {
  const items = GLOSSARY.flatMap((e) => [h("dt", { id: `glossary-${termSlug(e.term)}`, class: e.term === focus ? "focus" : undefined, "aria-current": e.term === focus ? "true" : undefined }, e.term), h("dd", {}, e.text)]);
  const list = h("dl", { class: "glossary", "data-testid": "glossary-list" }, ...items);
  const shown = modal("Glossary", "glossary", [h("p", { class: "muted" }, "One word for each thing, in the window, the CLI and the brief."), list], "Close", () => true as const);
  if (focus) list.querySelector(".focus")?.scrollIntoView({ block: "center" });
  return shown;
}

/** File > About: the name, the version, what Bridger is and that it works offline. */
export function showAbout(version: string): Promise<true | null> {
  return modal(
    "About Bridger",
    "about",
    [
      h("p", { class: "about-version", "data-testid": "about-version" }, `Bridger ${version}`),
      h("p", {}, "Dependency and risk mapping of rollouts: the handoffs between teams, the risks, the dates you can promise."),
      h("p", { class: "muted" }, "Works offline: your plans are .bridger files on this computer, and nothing is sent anywhere."),
    ],
    "Close",
    () => true as const,
  );
}

/** A small "?" beside a word of jargon: its tooltip is the glossary's explanation, and a
 *  click (or Enter or Space, it is a button in the Tab order) opens File > Glossary at the
 *  entry. It acts alone: a header it sits in does not sort, a label does not take focus. */
export function help(term: Term): HTMLButtonElement {
  const b = h("button", { type: "button", class: "help", "data-testid": `help-${termSlug(term)}`, title: explain(term), "aria-label": `${term}: what it means` }, "?");
  b.addEventListener("click", (e) => {
    e.preventDefault();
    e.stopPropagation();
    void showGlossary(term);
  });
  return b;
}
