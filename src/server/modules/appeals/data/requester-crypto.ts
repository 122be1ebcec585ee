import type { NewRow, Row } from "../../../db/schema.js";
import {
  decryptField,
  decryptForDisplay,
  encryptField,
  nameIndex,
  phoneIndex,
} from "../../../lib/personal-data.js";

/**
 * The requester's personal fields of an appeal row, encrypted at rest (lib/personal-data.ts).
 * Repositories seal rows on the way in and open them on the way out, so the rest of the module
 * works with plaintext in memory and the database only ever sees ciphertext and blind indexes.
 */

/** Column → the AAD its ciphertext is bound to. */
export const REQUESTER_FIELDS = {
  requester_name: "appeals.requester_name",
  contact_person: "appeals.contact_person",
  phone: "appeals.phone",
  address: "appeals.address",
} as const;

/** What callers insert: plaintext personal fields; the blind indexes are computed here. */
export type NewAppeal = Omit<NewRow<"appeals">, "phone_bidx" | "name_bidx">;

export function sealAppeal(row: NewAppeal): NewRow<"appeals"> {
  return {
    ...row,
    requester_name: encryptField(row.requester_name, REQUESTER_FIELDS.requester_name),
    contact_person: encryptField(row.contact_person ?? null, REQUESTER_FIELDS.contact_person),
    phone: encryptField(row.phone, REQUESTER_FIELDS.phone),
    address: encryptField(row.address ?? null, REQUESTER_FIELDS.address),
    phone_bidx: phoneIndex(row.phone),
    name_bidx: nameIndex(row.requester_name),
  };
}

type Personal = Partial<Pick<Row<"appeals">, keyof typeof REQUESTER_FIELDS>>;

/** Decrypts whichever personal columns the row carries (throws on plaintext or an unknown key). */
export function openAppeal<T extends Personal>(row: T): T {
  const out = { ...row };
  if (row.requester_name !== undefined) {
    out.requester_name = decryptField(row.requester_name, REQUESTER_FIELDS.requester_name);
  }
  if (row.contact_person !== undefined) {
    out.contact_person = decryptField(row.contact_person, REQUESTER_FIELDS.contact_person);
  }
  if (row.phone !== undefined) out.phone = decryptField(row.phone, REQUESTER_FIELDS.phone);
  if (row.address !== undefined) out.address = decryptField(row.address, REQUESTER_FIELDS.address);
  return out;
}

export function openAppeals<T extends Personal>(rows: T[]): T[] {
  return rows.map(openAppeal);
}

/**
 * Opens the rows of a list page: a field that does not decrypt shows "〔无法解密〕" (counted and
 * logged, lib/personal-data.ts) instead of failing the whole page. For display only — rows opened
 * this way must never be written back.
 */
export function openAppealsForList<T extends Personal & { id?: string }>(rows: T[]): T[] {
  return rows.map((row) => {
    const out = { ...row };
    for (const col of Object.keys(REQUESTER_FIELDS) as (keyof typeof REQUESTER_FIELDS)[]) {
      const v = row[col];
      if (v === undefined) continue;
      (out as Personal)[col] = decryptForDisplay(v, REQUESTER_FIELDS[col], row.id) as never;
    }
    return out;
  });
}
