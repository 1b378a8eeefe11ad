import { auditLog } from "../../schema/db/tables";
import type { Db } from "../env";

export interface AuditEntry {
  tenantId: string | null;
  personId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  detail?: unknown;
}

/** The audit row as a statement, so callers put it in the same `db.batch()` as the write it records. */
export function auditInsert(db: Db, e: AuditEntry) {
  return db.insert(auditLog).values({
    tenantId: e.tenantId,
    personId: e.personId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    detail: e.detail === undefined ? null : JSON.stringify(e.detail),
  });
}
