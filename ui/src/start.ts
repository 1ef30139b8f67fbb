// The start page: what a first-time user sees when no plan is open (no plan on the command
// line, no BRIDGER_PLAN). Open the demo (and what it shows), a new empty plan, a plan file,
// or a new plan made from an MS Project, CSV or JSON file; then the recent plans. Each
// choice is the shell's (its native dialogs); once a plan is open the page reloads into
// the editor.
import iconUrl from "../../icons/128x128.png";
import * as backend from "./backend";
import type { ApiError } from "./bindings";
import { h } from "./dom";

/** Draws the start page into `root`; `opened` runs once a plan is open. Returns how the
 *  page opens a plan chosen elsewhere (a double-click while it shows): as its own choices
 *  do, a problem shown under them. */
export function renderStart(root: HTMLElement, opened: () => void): (fn: () => Promise<string | null>) => Promise<void> {
  const problem = h("p", { class: "start-problem hidden", role: "alert", "data-testid": "start-problem" });
  const act = (fn: () => Promise<string | null>) => async () => {
    problem.classList.add("hidden");
    try {
      if ((await fn()) !== null) opened();
    } catch (e) {
      problem.textContent = (e as ApiError).message ?? String(e);
      problem.classList.remove("hidden");
    }
  };
  const choice = (id: string, title: string, what: string, fn: () => Promise<string | null>) => {
    const b = h("button", { type: "button", class: "start-choice", id, "data-testid": id }, h("strong", {}, title), h("span", {}, what));
    b.addEventListener("click", act(fn));
    return b;
  };
  const recent = h("ul", { class: "start-recent", "data-testid": "start-recent" });
  root.replaceChildren(
    h(
      "main",
      { class: "start", "data-testid": "start-page" },
      h("header", { class: "start-head" }, h("img", { class: "mark", src: iconUrl, alt: "" }), h("div", {}, h("h1", {}, "Bridger"), h("p", { class: "muted" }, "Map the work of a rollout: who hands what to whom, what can go wrong, the dates you can promise."))),
      h(
        "div",
        { class: "start-choices" },
        choice("start-demo", "Open the demo", "A 40-store point-of-sale rollout: 149 initiatives across 8 teams and 4 waves, its risks, the handoffs nobody owns, and a forecast to run.", () => backend.openDemo()),
        choice("start-new", "New empty plan", "Name the file, then add teams and initiatives on the map.", () => backend.newPlan(false)),
        choice("start-open", "Open a plan…", "A .bridger file.", () => backend.openPlan()),
        choice("start-from-file", "New plan from a file…", "MS Project XML or Bridger JSON: read into a new .bridger file you name.", () => backend.newFromFile(false)),
        choice("start-from-csv", "New plan from CSV files…", "A folder of initiatives.csv, handoffs.csv and the rest.", () => backend.newFromFile(true)),
      ),
      problem,
      h("section", { class: "start-recent-box" }, h("h2", {}, "Recent plans"), recent),
    ),
  );
  void backend.recentPlans().then((paths) => {
    if (paths.length === 0) {
      recent.append(h("li", { class: "muted" }, "None yet."));
      return;
    }
    paths.forEach((p, n) => {
      const b = h("button", { type: "button", class: "linklike", title: p }, p);
      b.addEventListener("click", act(() => backend.openRecent(n)));
      recent.append(h("li", {}, b));
    });
  });
  return (fn) => act(fn)();
}
