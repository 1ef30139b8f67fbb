// The map's model of a view with waves and sites collapsed (issue 28, item 5), on views from
// the core (ui/test/fixtures/fold.json, kept fresh by tests/layout_fold.rs): a group card says
// what the core summed up (its name, status, critical or not, counts, finish, its sites unlike
// their wave); a route of several handoffs is labelled with its count and styled by the core's
// summary; an initiative drawn inside a group is found on its group's card; and the delta that
// expands a wave, merged, gives the model of the view after it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";

import { CRITICAL, MapModel, PLAIN, SEAM, BAD_SEAM } from "../.test-build/map/model.js";
import { mergeView } from "../.test-build/view.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/fold.json", import.meta.url), "utf8"));

test("a group card shows the core's summary of the wave it stands for", () => {
  const view = fixture.by_wave;
  const m = new MapModel(view);
  assert.equal(view.layout.groups.length, 2);
  for (const g of view.groups) {
    const k = m.index.cardIndex(g.id);
    assert.ok(k >= 0, `${g.id} is a card`);
    const info = m.info[k];
    assert.equal(info.name, g.name);
    assert.equal(info.status, g.status);
    assert.equal(info.critical, g.critical);
    assert.equal(info.group.summary, g);
    assert.match(info.who, new RegExp(`${g.sites} sites? · ${g.initiatives} initiatives`));
    assert.match(info.dates, new RegExp(g.finish));
  }
  const pilot = m.info[m.index.cardIndex("wave:w1")];
  assert.equal(pilot.status, "blocked", "the core's status: a blocked install");
  assert.equal(pilot.group.flags, "⚑ 1 site unlike their wave");
  assert.equal(m.info[m.index.cardIndex("wave:w2")].group.flags, "", "no flag: no line");
  // a plain initiative keeps its own card and says so
  assert.equal(m.info[m.index.cardIndex("prep")].group, null);
});

test("a route of several handoffs carries its count and the core's styling", () => {
  const view = fixture.by_wave;
  const m = new MapModel(view);
  const byId = new Map(view.group_links.map((l) => [l.id, l]));
  assert.equal(byId.size, 3);
  for (const [k, info] of m.linkInfo.entries()) {
    const l = byId.get(info.id);
    if (!l) {
      assert.equal(info.group, null);
      continue;
    }
    const route = m.links[k];
    assert.equal(info.label, `×${l.count}`);
    assert.deepEqual([info.from, info.to], [l.from, l.to]);
    const want = route.seam && l.open > 0 ? BAD_SEAM : l.critical ? CRITICAL : route.seam ? SEAM : PLAIN;
    assert.equal(info.style, want, info.id);
  }
});

test("an initiative inside a collapsed wave is found on the wave's card", () => {
  const m = new MapModel(fixture.by_wave);
  assert.equal(m.index.cardIndex("s2-install"), -1, "not drawn as itself");
  assert.equal(m.cardFor("s2-install"), m.index.cardIndex("wave:w1"));
  assert.equal(m.cardFor("prep"), m.index.cardIndex("prep"));
  assert.equal(m.cardFor("nothing"), -1);
});

test("the delta that expands a wave gives the model of the view after it", () => {
  const before = new MapModel(fixture.by_wave);
  const merged = mergeView(fixture.by_wave, fixture.expand);
  assert.deepStrictEqual(merged.layout, fixture.expanded.layout);
  assert.deepStrictEqual(merged.groups, fixture.expanded.groups);
  assert.deepStrictEqual(merged.group_links, fixture.expanded.group_links);
  const next = new MapModel(merged, before);
  const fresh = new MapModel(fixture.expanded);
  const plain = (m) => ({ cards: m.cards, info: m.info.map(({ fitted, ...rest }) => rest), linkInfo: m.linkInfo, groups: [...m.groups], holder: [...m.holder] });
  assert.deepStrictEqual(plain(next), plain(fresh));
  const sites = [...next.groups.values()].filter((g) => g.kind === "site").map((g) => g.of);
  assert.deepEqual(sites.sort(), ["s1", "s2", "s4", "s5"], "the pilot's sites, each one card");
  assert.equal(next.cardFor("s2-install"), next.index.cardIndex("site:s2"));
  assert.equal(next.info[next.index.cardIndex("site:s2")].group.flags, "⚑ unlike its wave");
});
