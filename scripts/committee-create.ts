/**
 * `npm run committee:create -- --name "Đảng ủy phường X" --admin-name "Nguyễn Văn A" [--admin-email a@x.vn]
 *   [--kind province|committee] [--parent <tenantId>] [--shard SHARD_n] [--origin https://chibo.example] [--remote]
 *   [--persist-to DIR]`
 *
 * The operator's way to create a committee (or a province) and its first admin, locally or in production. It writes
 * the rows the API writes when a province admin creates a committee (worker/data/committee-rows.ts): the tenant, the
 * first admin's EMPTY account with the admin role, and a `staff` invitation, then prints the invitation's link and
 * code once (only their hashes are stored). The admin opens the link, chooses their login and password, and from
 * then on runs the committee themselves.
 *
 * D1 is sharded by province (worker/lib/shards.ts): the tenant goes to the directory (with its shard) and all its rows
 * to the shard, a committee under a province to its province's shard, a province (or a committee with no province)
 * to the shard `--shard` names (SHARD_1 when none is named).
 */
import { parseArgs } from "node:util";
import { type CreateCommittee, createCommitteeSchema, type TenantKind } from "../schema/api/committees.ts";
import { vnLocal } from "../schema/calendar.ts";
import { auditLog, invitations, people, tenantRoles, tenants } from "../schema/db/tables.ts";
import { idSchema } from "../schema/ids.ts";
import { invitationLink, newCommitteeRows } from "../worker/data/committee-rows.ts";
import { isShardName, SHARDS, type ShardName } from "../worker/lib/shard-names.ts";
import { type D1Target, executeSql, insertSql, queryAll } from "./lib/d1.ts";
import { literal } from "./lib/sql.ts";
import { DEFAULT_PORT } from "./lib/wrangler.ts";

const USAGE = `Cách dùng / usage:
  npm run committee:create -- --name "Đảng ủy phường X" --admin-name "Nguyễn Văn A" [--admin-email a@x.vn]
    [--kind province|committee] [--parent <tenantId>] [--shard ${SHARDS.join("|")}] [--origin https://chibo.example]
    [--remote] [--persist-to DIR]`;

/** A mistake in what the operator typed: printed with the usage, nothing written. */
export class InputError extends Error {}

export interface CommitteeArgs extends CreateCommittee {
  kind: TenantKind;
  parentId: string | null;
  /** The shard the operator named (a province, or a committee with no province), or null. */
  shard: ShardName | null;
  origin: string;
  target: D1Target;
}

/** The command line, checked: the names and e-mail with the API's own schema, the rest here. */
export function parseCommitteeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CommitteeArgs {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (err) {
    throw new InputError(err instanceof Error ? err.message : String(err));
  }
  const input = createCommitteeSchema.safeParse({
    name: values.name,
    adminName: values["admin-name"],
    adminEmail: values["admin-email"],
  });
  if (!input.success) {
    const flag: Record<string, string> = { name: "--name", adminName: "--admin-name", adminEmail: "--admin-email" };
    throw new InputError(
      input.error.issues.map((i) => `${flag[String(i.path[0])] ?? i.path.join(".")}: ${i.message}`).join("\n"),
    );
  }
  const kind = values.kind ?? "committee";
  if (kind !== "province" && kind !== "committee")
    throw new InputError(`--kind: "province" hoặc "committee" / "province" or "committee", not "${kind}"`);
  const parentId = values.parent ?? null;
  if (parentId !== null && !idSchema.safeParse(parentId).success)
    throw new InputError(`--parent: mã đơn vị không hợp lệ / not a tenant id: "${parentId}"`);
  if (kind === "province" && parentId !== null)
    throw new InputError("--parent: Tỉnh ủy không có cấp trên ở đây / a province has no parent here");
  const shard = values.shard ?? null;
  if (shard !== null && !isShardName(shard))
    throw new InputError(`--shard: một trong / one of ${SHARDS.join(", ")}, not "${shard}"`);
  if (shard !== null && parentId !== null)
    throw new InputError(
      "--shard: đảng bộ nằm cùng shard với Tỉnh ủy của nó / a committee lives in its province's shard: leave --shard out",
    );
  const remote = values.remote ?? false;
  if (remote && values["persist-to"])
    throw new InputError("--persist-to chỉ dùng cho D1 cục bộ / --persist-to is for the local D1 only");
  if (remote && !values.origin)
    throw new InputError(
      "--remote cần --origin (địa chỉ Worker đang chạy) / --remote needs --origin (the address the Worker serves at)",
    );
  return {
    ...input.data,
    kind,
    parentId,
    shard,
    origin: checkedOrigin(values.origin ?? `http://localhost:${env.PORT ?? DEFAULT_PORT}`),
    target: remote ? { remote: true } : { remote: false, persistTo: values["persist-to"] },
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      name: { type: "string" },
      "admin-name": { type: "string" },
      "admin-email": { type: "string" },
      kind: { type: "string" },
      parent: { type: "string" },
      shard: { type: "string" },
      origin: { type: "string" },
      remote: { type: "boolean" },
      "persist-to": { type: "string" },
    },
  });
}

function checkedOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new InputError(`--origin: không phải địa chỉ web / not a URL: "${origin}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new InputError(`--origin: cần http(s):// / must be http(s)://, got "${origin}"`);
  return url.origin;
}

/**
 * A province must exist to hold a committee; anything else under --parent is refused before a row is written.
 * Answers the province's shard, where the committee goes.
 */
async function checkParent(target: D1Target, parentId: string): Promise<ShardName> {
  const [rows] = await queryAll(target, `SELECT kind, name, shard FROM tenants WHERE id = ${literal(parentId)}`);
  const parent = rows?.[0];
  if (!parent) throw new InputError(`--parent: không có đơn vị "${parentId}" / no tenant "${parentId}" in this D1`);
  if (parent.kind !== "province")
    throw new InputError(
      `--parent: "${String(parent.name)}" không phải Tỉnh ủy / is not a province (kind ${String(parent.kind)})`,
    );
  const shard = String(parent.shard);
  if (!isShardName(shard)) throw new Error(`the province ${parentId} names an unknown shard "${shard}"`);
  return shard;
}

export async function createCommitteeFromArgs(args: CommitteeArgs, now = new Date()) {
  const shard = args.parentId ? await checkParent(args.target, args.parentId) : (args.shard ?? SHARDS[0]);
  const { rows, secret, code } = await newCommitteeRows(
    { name: args.name, adminName: args.adminName, kind: args.kind, parentId: args.parentId, shard, creatorId: null },
    now,
  );
  // The directory first, so the tenant is found as soon as its rows exist.
  await executeSql(args.target, insertSql(tenants, rows.tenant));
  await executeSql(
    args.target,
    [
      insertSql(tenants, rows.tenant),
      insertSql(people, rows.admin),
      insertSql(tenantRoles, rows.role),
      insertSql(invitations, rows.invitation),
      insertSql(auditLog, rows.audit),
    ].join("\n"),
    shard,
  );
  return {
    tenantId: rows.tenant.id,
    shard,
    link: invitationLink(args.origin, secret),
    code,
    expiresAt: rows.invitation.expiresAt,
  };
}

function report(args: CommitteeArgs, created: Awaited<ReturnType<typeof createCommitteeFromArgs>>) {
  const where = args.target.remote ? "D1 trên Cloudflare / the deployed D1" : "D1 cục bộ / the local D1";
  console.log(`✔ Đã tạo / created: ${args.name} (${args.kind === "province" ? "Tỉnh ủy / province" : "đảng bộ / committee"}) — ${where}
  Mã đơn vị / tenant id:             ${created.tenantId} (${created.shard})
  Quản trị đầu tiên / first admin:   ${args.adminName}${args.adminEmail ? ` <${args.adminEmail}>` : ""}
  Đường dẫn mời / invitation link:   ${created.link}
  Mã mời / code:                     ${created.code}
  Hết hạn / expires:                 ${vnLocal(created.expiresAt).replace("T", " ")} (giờ Việt Nam / Vietnam time), ${created.expiresAt}

Gửi đường dẫn hoặc mã cho người quản trị${args.adminEmail ? ` (${args.adminEmail})` : ""}: họ tự chọn e-mail đăng nhập và mật khẩu.
Chúng chỉ hiện lần này, không được lưu.
Give the link or the code to the admin${args.adminEmail ? ` (${args.adminEmail})` : ""}: they choose their own login e-mail and password.
They are shown only this once and stored nowhere.`);
}

if (import.meta.main) {
  try {
    const args = parseCommitteeArgs(process.argv.slice(2));
    report(args, await createCommitteeFromArgs(args));
  } catch (err) {
    console.error(`✘ ${err instanceof Error ? err.message : String(err)}`);
    if (err instanceof InputError) console.error(`Không ghi gì / nothing was written.\n\n${USAGE}`);
    process.exit(1);
  }
}
