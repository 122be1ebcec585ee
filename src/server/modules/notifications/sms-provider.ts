import type { Clock } from "../../clock.js";
import type { Db } from "../../db/database.js";
import { recordSmsMessage } from "./sms-message.repository.js";

/** One SMS handed to a provider by the outbox worker. */
export interface SmsSendRequest {
  /** The outbox row; a provider that records locally keys on it. */
  outboxId: string;
  centerId: string;
  phone: string;
  text: string;
  /**
   * Stable for every delivery attempt of the same outbox row (`outbox:<id>`):
   * real gateways accept it as their client reference (e.g. "OutId") so a
   * redelivery after a crash is not sent twice.
   */
  idempotencyKey: string;
}

/**
 * The pluggable SMS gateway. send() resolves once the gateway has accepted the
 * message and throws on any failure (the worker then retries with backoff).
 * It must be idempotent on idempotencyKey.
 */
export interface SmsProvider {
  readonly name: string;
  send(req: SmsSendRequest): Promise<{ providerMessageId: string }>;
}

/**
 * The default provider: "sends" by recording the message in sms_messages,
 * which admins browse as the SMS log (系统管理 → 短信记录). Deployments with a
 * real gateway plug in another SmsProvider. outbox_id is unique, so a
 * redelivered message is recorded once and the original id is returned.
 */
export class RecordingSmsProvider implements SmsProvider {
  readonly name = "recording";
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async send(req: SmsSendRequest): Promise<{ providerMessageId: string }> {
    const id = await recordSmsMessage(this.db, {
      centerId: req.centerId,
      outboxId: req.outboxId,
      phone: req.phone,
      text: req.text,
      provider: this.name,
      sentAt: this.clock.now(),
    });
    return { providerMessageId: id };
  }
}
