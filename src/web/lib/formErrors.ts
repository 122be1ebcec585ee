import type { FormInstance } from "antd";
import { ApiError, errorMessage } from "../api/client.js";

type NamePath = (string | number)[];

/**
 * Puts the server's field errors (`details[].path`, e.g. "services.0" or "policy.general.n")
 * next to the matching form fields. Returns the message that still needs showing elsewhere
 * (the general message when no detail matched a field), or null when every error is on a field.
 */
export function applyApiErrors(
  form: FormInstance,
  err: unknown,
  mapPath: (path: string) => NamePath | null = defaultMap,
): string | null {
  if (!(err instanceof ApiError) || err.details.length === 0) return errorMessage(err);
  const known = new Set(fieldKeys(form));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  let unmatched = false;
  for (const d of err.details) {
    const name = matchField(mapPath(d.path), known);
    if (!name) {
      unmatched = true;
      continue;
    }
    const key = name.join(".");
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(d.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched || byField.size === 0 ? err.message : null;
}

function defaultMap(path: string): NamePath {
  return path.split(".").filter(Boolean);
}

/** The longest prefix of `name` that is a registered field ("services.0" → "services"). */
function matchField(name: NamePath | null, known: Set<string>): NamePath | null {
  if (!name) return null;
  for (let n = name.length; n > 0; n--) {
    const prefix = name.slice(0, n);
    if (known.has(prefix.join("."))) return prefix;
  }
  return null;
}

function fieldKeys(form: FormInstance): string[] {
  return form.getFieldsError().map((f) => f.name.join("."));
}
