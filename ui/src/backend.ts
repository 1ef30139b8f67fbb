// The only module that talks to the Tauri shell. Every other module calls these functions,
// so views can be tested with this module mocked and the wire stays in one place.
import { invoke } from "@tauri-apps/api/core";
import type { ApiError, Overview } from "./bindings";

/** The open plan: its schedule (or why there is none), errors and findings. */
export function overview(): Promise<Overview> {
  return call<Overview>("overview");
}

async function call<T>(command: string): Promise<T> {
  try {
    return await invoke<T>(command);
  } catch (e) {
    throw asApiError(e);
  }
}

/** The core rejects with `{code, message}`; Tauri itself rejects with a string. */
function asApiError(e: unknown): ApiError {
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    return e as ApiError;
  }
  return { code: "internal", message: String(e) };
}
