// The File menu of the toolbar: New (empty or the demo), Open, Save As, Import and Export
// (MS Project XML, CSV), the brief, the glossary, About and the recent plans. The dialogs are native and shown by the shell (the page never names a path); the
// host calls the backend and draws the new plan.
import * as backend from "../backend";
import { h } from "../dom";
import { showAbout, showGlossary } from "./dialogs";

export interface FileHost {
  newPlan(demo: boolean): void;
  open(): void;
  saveAs(): void;
  recent(): Promise<string[]>;
  openRecent(index: number, path: string): void;
  /** Brief (PDF): the shell asks where to write it. */
  brief?(): void;
  /** Import into this plan (MS Project XML or JSON; or a folder of CSV files). */
  importPlan?(folder: boolean): void;
  /** Export this plan as MS Project XML, JSON or a folder of CSV files. */
  exportPlan?(format: "mspdi" | "xer" | "csv" | "json"): void;
}

/** The "File" button; its menu is built when it opens (the recent list is asked for then). */
export function fileButton(host: FileHost): HTMLElement {
  const b = h("button", { type: "button", class: "btn", id: "file-menu", "data-testid": "file-menu", title: "New, open, save as, recent plans", "aria-label": "File", "aria-haspopup": "menu", "aria-expanded": "false" }, "File ▾");
  b.addEventListener("click", () => void openMenu(b, host));
  return b;
}

/** File > About: the version the shell reports (the workspace's Cargo.toml). */
async function about(): Promise<void> {
  let version: string;
  try {
    version = await backend.version();
  } catch {
    version = "unknown";
  }
  await showAbout(version);
}

async function openMenu(anchor: HTMLElement, host: FileHost): Promise<void> {
  if (document.querySelector(".menu")) return;
  const item = (testid: string, label: string, hint: string, fn: () => void) => {
    const i = h("button", { type: "button", class: "menu-item", role: "menuitem", "data-testid": testid, id: testid, title: hint }, label);
    i.addEventListener("click", () => {
      close();
      fn();
    });
    return i;
  };
  const recentList = h("div", { class: "menu-recent", "data-testid": "recent-list" }, h("p", { class: "menu-note" }, "…"));
  const menu = h(
    "div",
    { class: "menu", role: "menu", "data-testid": "file-menu-list", "aria-label": "File" },
    item("file-new", "New empty plan…", "Create a new, empty plan file", () => host.newPlan(false)),
    item("file-new-demo", "New demo plan…", "Create a new file holding the demo rollout", () => host.newPlan(true)),
    item("file-open", "Open…", "Open a plan file", () => host.open()),
    item("file-save-as", "Save As…", "Save a copy (with its undo history) and continue in it", () => host.saveAs()),
    host.importPlan ? h("div", { class: "menu-sep" }) : null,
    host.importPlan ? item("file-import", "Import into this plan…", "MS Project XML, Primavera P6 XER or Bridger JSON: new initiatives added, changed ones updated (one undo step)", () => host.importPlan?.(false)) : null,
    host.importPlan ? item("file-import-csv", "Import CSV folder into this plan…", "The spreadsheet round trip: a folder of CSV files, added and updated by id (one undo step)", () => host.importPlan?.(true)) : null,
    host.exportPlan ? item("file-export-mspdi", "Export as MS Project XML…", "For MS Project, ProjectLibre or GanttProject", () => host.exportPlan?.("mspdi")) : null,
    host.exportPlan ? item("file-export-xer", "Export as Primavera P6 XER…", "For Primavera P6 (File > Import), or any tool that reads XER", () => host.exportPlan?.("xer")) : null,
    host.exportPlan ? item("file-export-csv", "Export as CSV folder…", "A folder of CSV files for a spreadsheet", () => host.exportPlan?.("csv")) : null,
    host.brief ? h("div", { class: "menu-sep" }) : null,
    host.brief ? item("file-brief", "Brief (PDF)…", "Write the PDF brief of this plan for leaders (with the last simulation)", () => host.brief?.()) : null,
    h("div", { class: "menu-sep" }),
    item("file-glossary", "Glossary…", "What each word in the window, the CLI and the brief means", () => void showGlossary()),
    item("file-about", "About Bridger…", "The version of Bridger and where your plans are kept", () => void about()),
    h("div", { class: "menu-sep" }),
    h("p", { class: "menu-title" }, "Recent"),
    recentList,
  );
  const r = anchor.getBoundingClientRect();
  menu.style.left = `${Math.round(r.left)}px`;
  menu.style.top = `${Math.round(r.bottom + 4)}px`;
  anchor.setAttribute("aria-expanded", "true");
  const outside = (e: PointerEvent) => {
    if (!menu.contains(e.target as Node) && e.target !== anchor) close();
  };
  const key = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      close();
    }
  };
  function close(): void {
    menu.remove();
    anchor.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", outside, true);
    document.removeEventListener("keydown", key, true);
  }
  document.addEventListener("pointerdown", outside, true);
  document.addEventListener("keydown", key, true);
  document.body.append(menu);
  (menu.querySelector<HTMLElement>(".menu-item") ?? menu).focus();
  try {
    const paths = await host.recent();
    recentList.replaceChildren(
      ...(paths.length === 0
        ? [h("p", { class: "menu-note" }, "No recent plans")]
        : paths.slice(0, 10).map((p, n) => {
            const name = p.split(/[\\/]/).pop() ?? p;
            const i = item(`recent-${n}`, name, p, () => host.openRecent(n, p));
            i.append(h("span", { class: "menu-path" }, p));
            return i;
          })),
    );
  } catch {
    recentList.replaceChildren(h("p", { class: "menu-note" }, "The recent plans could not be read"));
  }
}
