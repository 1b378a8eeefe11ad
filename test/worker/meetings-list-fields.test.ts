/**
 * Issue 12, "bugs found on the way": the meeting list answered shifted fields (`minutesTakerName` held a date) because
 * joined columns of the same name collided in the batched query. Every field a list item carries must equal the
 * detail endpoint's for the same meeting.
 */
import { describe, expect, it } from "vitest";
import type { Meeting } from "../../schema/api/meetings";
import { api } from "../support/fixtures";
import { base, branch, planned } from "./meetings-helpers";

describe("the meeting list", () => {
  it("carries, for each meeting, exactly the detail endpoint's values of its fields", async () => {
    const t = await branch();
    const m = await planned(t);
    const list = await api<{ items: Meeting[] }>("GET", base(t.tenantId), t.adminToken);
    expect(list.status).toBe(200);
    const item = list.json.items.find((x) => x.id === m.id)!;
    const detail = await api<Meeting>("GET", `${base(t.tenantId)}/${m.id}`, t.adminToken);
    expect(item.chairName).toBe("Nguyễn Văn Bí Thư");
    expect(item.minutesTakerName).toBe("Trần Thị Phó");
    for (const [key, value] of Object.entries(item)) expect(detail.json[key as keyof Meeting], key).toEqual(value);
  });
});
