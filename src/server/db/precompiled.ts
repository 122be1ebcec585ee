import { type Compilable, CompiledQuery } from "kysely";
import type { Db } from "./database.js";

/** Stands for one argument while the statement is compiled. */
class Slot {
  constructor(readonly key: string) {}
}

type Compiled = { sql: string; parameters: (Slot | { value: unknown })[] };

/**
 * A hot statement built with Kysely once per shape instead of on every call (issue 14: building
 * and compiling a query costs more CPU than sending it). `build` receives the arguments as opaque
 * placeholders and must pass each one to the query unchanged, as exactly one value (a column value,
 * a comparison operand) — never inspect, transform or spread it, nor use it as a list for `in`;
 * the first compile checks that every placeholder came through as one parameter. The shape is the
 * set of defined keys (an insert's column list follows it); all backends use PostgreSQL's compiler.
 */
export function precompiled<P extends Record<string, unknown>, R>(
  build: (db: Db, p: P) => Compilable<R>,
): (db: Db, p: P) => Promise<R[]> {
  const shapes = new Map<string, Compiled>();
  return async (db, p) => {
    const keys = Object.keys(p).filter((k) => p[k] !== undefined);
    const shape = keys.join(",");
    let c = shapes.get(shape);
    if (!c) {
      c = compile(db, build, keys);
      shapes.set(shape, c);
    }
    const parameters = c.parameters.map((x) => (x instanceof Slot ? p[x.key] : x.value));
    const r = await db.executeQuery<R>(CompiledQuery.raw(c.sql, parameters));
    return r.rows;
  };
}

function compile<P extends Record<string, unknown>, R>(
  db: Db,
  build: (db: Db, p: P) => Compilable<R>,
  keys: string[],
): Compiled {
  const slots = Object.fromEntries(keys.map((k) => [k, new Slot(k)])) as unknown as P;
  const q = build(db, slots).compile();
  const parameters = q.parameters.map((v) => (v instanceof Slot ? v : { value: v }));
  const used = parameters.filter((v): v is Slot => v instanceof Slot).map((s) => s.key);
  if (new Set(used).size !== keys.length) {
    throw new Error(`precompiled: every argument must reach the statement as a value (${keys.join(", ")})`);
  }
  return { sql: q.sql, parameters };
}
