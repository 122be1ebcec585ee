import type { ColumnType, Generated } from "kysely";

/** Column types shared by every table. */
export type Id = Generated<string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** jsonb: read as parsed JSON, written as a JSON string (portable across pg and PGlite). */
export type Json<T> = ColumnType<T, string, string>;
