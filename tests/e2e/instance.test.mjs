// Issue 32, in the real window: a plan opened while the app runs (a second start on the same
// data folder, as a double-click on a .bridger file does) opens in the running window, as
// File > Open does, and the second process exits; File > About says the version of the
// workspace's Cargo.toml. The hand-over is a D-Bus call: the test runs its own session bus.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import test from "node:test";

import { APP, launch, ROOT, waitFor } from "./harness.mjs";

const CLI = join(ROOT, "target/debug/bridger");

/** A private session bus: its address, and how to stop it. */
async function sessionBus() {
  const bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "ignore"] });
  const address = await new Promise((res, rej) => {
    let out = "";
    bus.stdout.setEncoding("utf8");
    bus.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) res(out.trim());
    });
    bus.on("error", rej);
    bus.on("exit", (code) => rej(new Error(`dbus-daemon exited (${code}): install dbus-daemon (make deps)`)));
  });
  return { address, stop: () => bus.kill() };
}

test("a second start hands its plan to the running window; About says the version", { timeout: 180_000 }, async (t) => {
  const bus = await sessionBus();
  t.after(() => bus.stop());
  const app = await launch({ env: { DBUS_SESSION_BUS_ADDRESS: bus.address } });
  t.after(() => app.stop());
  const js = (script, ...args) => app.wd("POST", "/execute/sync", { script, args });
  const click = async (css) => {
    const [e] = await waitFor(async () => {
      const found = await app.findAll(css);
      return found.length > 0 ? found : undefined;
    }, css);
    await app.wd("POST", `/element/${e}/click`, {});
  };
  await waitFor(async () => (await js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor on the demo");
  assert.match((await app.texts("#plan-name"))[0] ?? "", /POS rollout/);

  const folder = dirname(app.planPath);
  execFileSync(CLI, ["new", join(folder, "other.bridger"), "--name", "Second plan"]);
  // As a file manager starts it: the plan's name relative to the working folder.
  const second = spawnSync(APP, ["other.bridger"], { cwd: folder, env: app.env, timeout: 60_000, encoding: "utf8" });
  assert.equal(second.status, 0, `the second start exits at once, its plan handed over: ${second.stderr}`);
  await waitFor(async () => ((await app.texts("#plan-name"))[0] === "Second plan" ? true : undefined), "the second plan in the running window");
  assert.equal(await app.wd("GET", "/title"), "other.bridger - Second plan - Bridger");

  await click("#file-menu");
  await click("#file-about");
  const version = /^version = "(.*)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))?.[1];
  const [shown] = await waitFor(async () => {
    const texts = await app.texts("[data-testid=about-version]");
    return texts.length > 0 ? texts : undefined;
  }, "File > About");
  assert.equal(shown, `Bridger ${version}`);
});
