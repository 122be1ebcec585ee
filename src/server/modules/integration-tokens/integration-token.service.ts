import type { z } from "zod";
import type { integrationTokenSchema } from "../../../contracts/accounts.js";
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { INTEGRATION_PREFIX, newToken, sha256 } from "../../lib/secrets.js";
import { appendAudit } from "../audit/index.js";
import * as repo from "./integration-token.repository.js";

interface Meta {
  now: Date;
  ip: string | null;
}

type IntegrationToken = z.infer<typeof integrationTokenSchema>;
type TokenRecord = NonNullable<Awaited<ReturnType<typeof repo.findTokenInCenter>>>;

function present(t: TokenRecord): IntegrationToken {
  return {
    id: t.id,
    name: t.name,
    source: t.source,
    centerId: t.center_id,
    createdAt: t.created_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
  };
}

/**
 * A Bearer token for another system (e.g. the 12345 hotline platform). The
 * secret is returned once; only its sha256 is kept, so a lost token is revoked
 * and replaced, never recovered.
 */
export async function createToken(
  db: Db,
  actor: UserActor,
  input: { name: string; source: string },
  meta: Meta,
): Promise<IntegrationToken & { token: string }> {
  const token = newToken(INTEGRATION_PREFIX);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertToken(trx, {
      centerId: actor.centerId,
      name: input.name,
      source: input.source,
      tokenHash: sha256(token),
      createdBy: actor.userId,
      now: meta.now,
    });
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "integration_token.create",
      entity: "integration_token",
      entityId: row.id,
      details: input,
      ip: meta.ip,
      at: meta.now,
    });
    return { ...present(row), token };
  });
}

export async function listTokens(db: Db, actor: UserActor): Promise<IntegrationToken[]> {
  return (await repo.listTokens(db, actor.centerId)).map(present);
}

export async function revokeToken(
  db: Db,
  actor: UserActor,
  id: string,
  meta: Meta,
): Promise<IntegrationToken> {
  return db.transaction().execute(async (trx) => {
    const current = await repo.findTokenInCenter(trx, id, actor.centerId);
    if (!current) throw notFound("集成令牌");
    // Revoking twice is harmless: the first revocation time is kept.
    const row = (await repo.revokeToken(trx, id, meta.now)) ?? current;
    if (!current.revoked_at) {
      await appendAudit(trx, {
        ...auditFields(actor),
        action: "integration_token.revoke",
        entity: "integration_token",
        entityId: id,
        details: { name: current.name, source: current.source },
        ip: meta.ip,
        at: meta.now,
      });
    }
    return present(row);
  });
}
