import { AUDIT_ENTITY_LABELS, auditActionLabel } from "../../../contracts/audit.js";

export function actionLabel(action: string): string {
  return auditActionLabel(action);
}

export function entityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}
