/**
 * The hall screen shows phones where to go: a corner toggle opens a QR code (inline SVG) and the address in large
 * text, both the room page of this meeting on the hall page's own origin — the LAN address the projector opened when
 * `HOST=0.0.0.0 npm start` serves the hall's network (scripts/lib/lan.ts).
 */

import { Route, Router } from "@solidjs/router";
import { cleanup, configure, fireEvent, render, screen } from "@solidjs/testing-library";
import { generate } from "lean-qr";
import { toSvgPath } from "lean-qr/extras/svg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { roomPageRoute } from "../../schema/room-page";
import { setLang } from "../../web/src/i18n";
import HallPage from "../../web/src/room/hall-page";

configure({ asyncUtilTimeout: 5000 });

const realFetch = globalThis.fetch;
beforeEach(() => {
  setLang("vi");
  // The room's ticket and socket are not what this test is about: the server answers nothing useful.
  globalThis.fetch = (async () =>
    new Response(JSON.stringify({ error: { code: "not_found", message: "x / x" } }), { status: 404 })) as typeof fetch;
  window.history.replaceState(null, "", "/t/t%201/meetings/m-9/hall");
});
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

describe("hall screen address", () => {
  it("opens a QR code of this origin's room page for the meeting, with the address in text", async () => {
    render(() => (
      <Router>
        <Route path={roomPageRoute("hall")} component={HallPage} />
      </Router>
    ));
    const toggle = await screen.findByRole("button", { name: "Mã QR để vào phòng họp" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByTestId("hall-address")).toBeNull();

    fireEvent.click(toggle);
    const panel = await screen.findByTestId("hall-address");
    const expected = `${window.location.origin}/t/t%201/meetings/m-9/room`;
    expect(panel.textContent).toContain(expected);
    const svg = panel.querySelector("svg[role=img]");
    expect(svg?.getAttribute("aria-label")).toBe("Mã QR của địa chỉ phòng họp");
    // The code drawn is the code of exactly that address.
    expect(svg?.querySelector("path")?.getAttribute("d")).toBe(toSvgPath(generate(expected)));
    expect(toggle.getAttribute("aria-expanded")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "Ẩn mã QR" }));
    expect(screen.queryByTestId("hall-address")).toBeNull();
  });
});
