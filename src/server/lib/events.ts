import type { Db } from "../db/database.js";

/**
 * In-process domain events, delivered synchronously inside the emitting
 * transaction (so a handler's writes commit or roll back with the change that
 * caused them). Modules declare their events by augmenting `DomainEventMap`:
 *
 *   declare module "../../lib/events.js" {
 *     interface DomainEventMap { "tracking.started": TrackingStarted }
 *   }
 *
 * and subscribe in the composition root (src/server/context.ts), never as a
 * side effect of importing a file. A module that emits does not know who
 * listens: that is how a lower module (the appeal lifecycle) tells a higher
 * one (supervision) without importing it (ADR 0009).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module
export interface DomainEventMap {}

export type EventName = keyof DomainEventMap;
export type Handler<K extends EventName> = (trx: Db, event: DomainEventMap[K]) => Promise<void>;

export class DomainEvents {
  private readonly handlers = new Map<EventName, Handler<EventName>[]>();

  /**
   * Handlers run in subscription order; one that throws rolls the whole
   * transaction back. Returns an unsubscribe function (tests).
   */
  on<K extends EventName>(name: K, handler: Handler<K>): () => void {
    const h = handler as unknown as Handler<EventName>;
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), h]);
    return () =>
      this.handlers.set(
        name,
        (this.handlers.get(name) ?? []).filter((x) => x !== h),
      );
  }

  async emit<K extends EventName>(trx: Db, name: K, event: DomainEventMap[K]): Promise<void> {
    for (const h of this.handlers.get(name) ?? []) await h(trx, event);
  }

  /** How many handlers listen to `name` (tests and diagnostics). */
  listeners(name: EventName): number {
    return this.handlers.get(name)?.length ?? 0;
  }
}
