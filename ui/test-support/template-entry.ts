// The template editor mounted on its own for test/component/template.test.mjs: the edits it
// sends are recorded instead of reaching a core.
import type { Edit, Plan, Template, TemplateLayout } from "../src/bindings";
import { TemplateEditor } from "../src/panels/template";

export const sent: Edit[][] = [];
export const chosen: string[] = [];

export function mount(plan: Plan, t: Template, lay: TemplateLayout, names: Record<string, string>): void {
  const root = document.getElementById("root")!;
  const editor = new TemplateEditor({
    apply: async (edits) => {
      sent.push(edits);
      return true;
    },
    choose: (id) => chosen.push(id),
    siteName: (id) => names[id] ?? id,
  });
  const draw = () => root.replaceChildren(editor.render(plan, t, lay, 1280));
  editor.rerender = draw;
  draw();
}
