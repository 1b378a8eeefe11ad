/**
 * The member editor's standing (đang sinh hoạt, chuyển sinh hoạt tạm thời, đình chỉ, tạm giữ) and the meeting
 * form's "combined" box, which only a thematic meeting shows. The server is the one boundary stood in for:
 * `fetch` answers the PATCH as the worker would, and the test reads what the editor sent.
 */
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MeetingKind } from "../../schema/api/meetings";
import type { Member } from "../../schema/api/members";
import { setLang } from "../../web/src/i18n";
import { CombinedField, combinedFor } from "../../web/src/pages/tenant/combined-field";
import { MemberEditor } from "../../web/src/pages/tenant/member-editor";

const realFetch = globalThis.fetch;
beforeEach(() => setLang("vi"));
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

const member: Member = {
  membershipId: "ms-1",
  personId: "p-1",
  fullName: "Lê Văn An",
  email: "an@chibo.test",
  phone: null,
  birthYear: 1970,
  organizationId: "o-1",
  organizationName: "Chi bộ khu phố 3",
  status: "official",
  probationStart: null,
  branchRole: "member",
  standing: "active",
  exemption: null,
  linkedAt: null,
};

describe("a member's standing", () => {
  it("offers the four standings in Vietnamese, sends the one chosen and shows what the server saved", async () => {
    const sent: { url: string; method: string; body: Record<string, unknown> }[] = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      sent.push({ url, method: init.method!, body });
      return new Response(JSON.stringify({ ...member, standing: body.standing }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }) as typeof fetch;
    const saved: Member[] = [];
    render(() => (
      <MemberEditor tenantId="t-1" member={member} onSaved={(m) => saved.push(m)} onClose={() => undefined} />
    ));
    const select = screen.getByLabelText("Sinh hoạt") as HTMLSelectElement;
    expect(select.value).toBe("active");
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "Đang sinh hoạt",
      "Chuyển sinh hoạt tạm thời",
      "Đình chỉ sinh hoạt",
      "Bị tạm giữ, tạm giam",
    ]);
    fireEvent.change(select, { target: { value: "suspended" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(sent).toEqual([
      expect.objectContaining({
        url: "/api/tenants/t-1/members/ms-1",
        method: "PATCH",
        body: expect.objectContaining({ standing: "suspended" }),
      }),
    ]);
    expect(saved[0]!.standing).toBe("suspended");
  });
});

describe("the combined meeting box", () => {
  it("appears only for a thematic meeting, and a regular one is never sent as combined", () => {
    const [kind, setKind] = createSignal<MeetingKind>("regular");
    const [checked, setChecked] = createSignal(false);
    render(() => <CombinedField kind={kind()} checked={checked()} onChecked={setChecked} />);
    const label = "Sinh hoạt kết hợp (chuyên đề + thường kỳ)";
    expect(screen.queryByLabelText(label)).toBeNull();
    setKind("thematic");
    fireEvent.click(screen.getByLabelText(label));
    expect(checked()).toBe(true);
    expect(screen.getByText(/ít nhất 120 phút thay vì 90/)).toBeTruthy();
    expect(combinedFor(kind(), checked())).toBe(true);
    setKind("regular");
    expect(screen.queryByLabelText(label)).toBeNull();
    expect(combinedFor(kind(), checked())).toBe(false);
  });
});
