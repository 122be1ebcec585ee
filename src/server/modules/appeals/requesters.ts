import type { Db } from "../../db/database.js";
import { enqueueNotifications } from "../notifications/index.js";
import { findPhones } from "./data/appeal.repository.js";

/**
 * SMS to requesters on behalf of other modules (a 督办单 tells the requester its
 * new limit): the lifecycle looks up the number, so the caller never holds it.
 */
export async function notifyRequesters(
  trx: Db,
  messages: {
    centerId: string;
    appealId: string;
    kind: string;
    text: string;
    dedupeKey: string;
    now: Date;
  }[],
): Promise<void> {
  if (messages.length === 0) return;
  const phones = await findPhones(
    trx,
    messages.map((m) => m.appealId),
  );
  await enqueueNotifications(
    trx,
    messages.flatMap((m) => {
      const phone = phones.get(m.appealId);
      return phone ? [{ ...m, recipientPhone: phone }] : [];
    }),
  );
}
