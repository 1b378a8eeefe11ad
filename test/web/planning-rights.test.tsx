import { cleanup, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Me, TenantRole } from "../../schema/api/auth";
import type { BranchRole } from "../../schema/api/members";
import { App } from "../../web/src/app";
import { setLang } from "../../web/src/i18n";
import { canPlanBranch, plannableBranches, plansAnyBranch, setMe } from "../../web/src/session";

const me = (role: TenantRole | null, branchRoles: [string, BranchRole][]): Me => ({
  person: { id: "p-1", fullName: "Nguyễn Văn Bí Thư", email: "bithu@chibo.test" },
  tenants: [
    {
      id: "t-1",
      name: "Đảng ủy phường Hòa An",
      kind: "committee",
      parentId: null,
      viaProvince: false,
      provinceRole: null,
      role,
      organizationIds: branchRoles.map(([o]) => o),
      branchRoles: branchRoles.map(([organizationId, branchRole]) => ({ organizationId, branchRole })),
      guestMeetingIds: [],
    },
  ],
});
const branches = [{ id: "org-1" }, { id: "org-2" }, { id: "org-3" }];

beforeEach(() => {
  setLang("vi");
  localStorage.clear();
});
afterEach(cleanup);

describe("who plans which branch (the API's rule, on the client)", () => {
  it("lets a branch secretary and a deputy plan their own branch only", () => {
    for (const role of ["secretary", "deputy"] as const) {
      setMe(
        me(null, [
          ["org-1", role],
          ["org-2", "member"],
        ]),
      );
      expect(canPlanBranch("t-1", "org-1")).toBe(true);
      expect(canPlanBranch("t-1", "org-2")).toBe(false);
      expect(canPlanBranch("t-1", "org-3")).toBe(false);
      expect(plansAnyBranch("t-1")).toBe(true);
      expect(plannableBranches("t-1", branches).map((b) => b.id)).toEqual(["org-1"]);
      // Another tenant is not theirs to plan.
      expect(canPlanBranch("t-2", "org-1")).toBe(false);
    }
  });

  it("gives a plain member, a committee member of the branch and a viewer no planning", () => {
    for (const who of [me(null, [["org-1", "member"]]), me(null, [["org-1", "committee"]]), me("viewer", [])]) {
      setMe(who);
      expect(canPlanBranch("t-1", "org-1")).toBe(false);
      expect(plansAnyBranch("t-1")).toBe(false);
      expect(plannableBranches("t-1", branches)).toEqual([]);
    }
  });

  it("lets committee admins and organizers plan every branch", () => {
    for (const role of ["admin", "organizer"] as const) {
      setMe(me(role, []));
      expect(plannableBranches("t-1", branches)).toEqual(branches);
      expect(plansAnyBranch("t-1")).toBe(true);
    }
  });
});

describe("console sections for a branch secretary", () => {
  it("opens the planning view but not the committee's tree or roll", async () => {
    setMe(me(null, [["org-1", "secretary"]]));
    window.history.replaceState(null, "", "/t/t-1");
    render(() => <App />);
    // A planner lands on the planning view, as staff do.
    await waitFor(() => expect(window.location.pathname).toBe("/t/t-1/planning"));
    const nav = document.querySelector(".app-nav")!;
    await waitFor(() => expect(nav.textContent).toContain("Kế hoạch"));
    expect(nav.textContent).toContain("Cuộc họp");
    expect(nav.textContent).not.toContain("Tổ chức");
    expect(nav.textContent).not.toContain("Đảng viên");
  });

  it("offers the planning desk from the home page to a secretary, not to a plain member", async () => {
    setMe(me(null, [["org-1", "deputy"]]));
    window.history.replaceState(null, "", "/");
    render(() => <App />);
    const desk = await screen.findByRole("link", { name: "Mở bàn làm việc" });
    expect(desk.getAttribute("href")).toBe("/t/t-1/planning");
    cleanup();
    setMe(me(null, [["org-1", "member"]]));
    window.history.replaceState(null, "", "/");
    render(() => <App />);
    await screen.findByRole("link", { name: "Xem các cuộc họp" });
    expect(screen.queryByRole("link", { name: "Mở bàn làm việc" })).toBeNull();
  });
});
