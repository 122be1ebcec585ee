import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "../../../contracts/audit.js";

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export function entityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}
