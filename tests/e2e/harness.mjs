// Runs the real Bridger window for end-to-end checks: a private X server (Xvfb), tauri-driver
// (which drives WebKitWebDriver) and one WebDriver session on the debug build of the app.
// Node 20 built-ins only. Everything started here is killed on stop, on exit and on signals.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const APP = process.env.BRIDGER_APP ?? join(ROOT, "target/debug/bridger-app");
export const WIDTH = 1280;
export const HEIGHT = 800;
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

const live = new Set(); // child processes (each the leader of its own process group)

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

process.on("exit", () => {
  for (const child of live) killGroup(child, "SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(130));
}

function start(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  live.add(child);
  child.log = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk) => {
      child.log = (child.log + chunk).slice(-8000);
    });
  }
  child.exited = new Promise((res) => child.on("exit", res));
  child.on("error", (e) => {
    child.failed = true;
    child.log += `\n${command}: ${e.message}`;
  });
  return child;
}

async function stopProcess(child) {
  if (!live.has(child)) return;
  killGroup(child, "SIGTERM");
  const done = await Promise.race([child.exited.then(() => true), sleep(3000).then(() => false)]);
  if (!done) killGroup(child, "SIGKILL");
  live.delete(child);
}

export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

/** Polls `probe` until it returns something other than undefined; errors are retried unless `fatal`. */
export async function waitFor(probe, what, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      if (e.fatal) throw e;
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await sleep(250);
  }
}

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.unref();
    server.on("error", rej);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

/** Starts Xvfb on a free display; resolves to the display number. */
async function startXvfb() {
  const xvfb = start("Xvfb", ["-displayfd", "3", "-screen", "0", `${WIDTH}x${HEIGHT}x24`, "-nolisten", "tcp"], {
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  const display = await new Promise((res, rej) => {
    let out = "";
    const timer = setTimeout(() => rej(new Error(`Xvfb did not start:\n${xvfb.log}`)), 15_000);
    xvfb.stdio[3].setEncoding("utf8");
    xvfb.stdio[3].on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) {
        clearTimeout(timer);
        res(out.trim());
      }
    });
    xvfb.on("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`Xvfb exited (${code}):\n${xvfb.log}`));
    });
  });
  return { xvfb, display: `:${display}` };
}

/**
 * Starts the app in a fresh temp dir with `BRIDGER_PLAN` set to `plan` (default: a file that
 * does not exist yet, so the app creates the demo plan there), or with `noPlan` on no plan at
 * all (a first start: the start page). Returns a small WebDriver client.
 */
export async function launch({ plan, noPlan = false, env: extra = {} } = {}) {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: build it first (make build)`);
  const tmp = mkdtempSync(join(tmpdir(), "bridger-e2e-"));
  const planPath = plan ?? join(tmp, "demo.bridger");
  let xvfb;
  let driver;
  let session;
  let base;
  let display;
  let launchedAt;
  let env;
  const stop = async () => {
    if (session) await fetch(`${base}/session/${session}`, { method: "DELETE", signal: AbortSignal.timeout(10_000) }).catch(() => {});
    session = undefined;
    if (driver) await stopProcess(driver);
    if (xvfb) await stopProcess(xvfb);
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    ({ xvfb, display } = await startXvfb());
    const [port, nativePort] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      DISPLAY: display,
      WAYLAND_DISPLAY: "",
      WEBKIT_DISABLE_DMABUF_RENDERER: "1",
      BRIDGER_PLAN: noPlan ? "" : planPath,
      XDG_DATA_HOME: join(tmp, "data"),
      XDG_CONFIG_HOME: join(tmp, "config"),
      XDG_CACHE_HOME: join(tmp, "cache"),
      ...extra,
    };
    driver = start("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    await waitFor(async () => {
      if (driver.failed || driver.exitCode !== null) {
        throw Object.assign(new Error(`tauri-driver did not start (run make deps):\n${driver.log}`), { fatal: true });
      }
      return (await fetch(`${base}/status`).catch(() => undefined)) ? true : undefined; // undefined: not listening yet
    }, "tauri-driver to listen", 30_000);
    launchedAt = Date.now(); // the app is spawned by this request
    const r = await fetch(`${base}/session`, {
      method: "POST",
      signal: AbortSignal.timeout(60_000),
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ capabilities: { alwaysMatch: { "tauri:options": { application: APP } } } }),
    }).catch((e) => {
      throw new Error(`no WebDriver session for ${APP} (${e.message}): did the app start?\n${driver.log}`);
    });
    const created = (await r.json()).value;
    if (!r.ok) throw new Error(`no WebDriver session for ${APP}: ${JSON.stringify(created)}\n${driver.log}`);
    session = created.sessionId;
  } catch (e) {
    await stop();
    throw e;
  }

  const wd = async (method, path, body) => {
    const r = await fetch(`${base}/session/${session}${path}`, {
      method,
      signal: AbortSignal.timeout(30_000),
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  };
  const findAll = async (css, from) =>
    (await wd("POST", from ? `/element/${from}/elements` : "/elements", { using: "css selector", value: css })).map((e) => e[ELEMENT]);
  return {
    /** The X display the window is on, e.g. ":99". */
    display,
    planPath,
    /** The app's environment (display, data folders...): a second start of it uses the same. */
    env,
    /** The app's data folder (XDG_DATA_HOME), where the start page's demo is made. */
    dataHome: join(tmp, "data"),
    /** Date.now() just before the WebDriver session that spawns the app was requested. */
    launchedAt,
    findAll,
    wd,
    text: async (element) => wd("GET", `/element/${element}/text`),
    /** Texts of every element matching `css`, under `from` if given. */
    texts: async (css, from) => Promise.all((await findAll(css, from)).map((e) => wd("GET", `/element/${e}/text`))),
    stop,
  };
}
