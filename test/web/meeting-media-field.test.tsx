/** Issue 13 item 1: planning chooses how remote people hear and speak; the meeting page says it to its readers. */
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MeetingMediaMode } from "../../schema/api/meetings";
import { setLang } from "../../web/src/i18n";
import { MediaField, MediaLine, mediaFor } from "../../web/src/pages/tenant/media-field";

beforeEach(() => setLang("vi"));
afterEach(cleanup);

describe("the media field", () => {
  it("asks for the call's https link only when an external call is chosen", () => {
    const [mode, setMode] = createSignal<MeetingMediaMode>("hall_only");
    const [link, setLink] = createSignal("");
    render(() => <MediaField mode={mode()} link={link()} onMode={setMode} onLink={setLink} />);
    expect(screen.queryByLabelText(/Đường dẫn cuộc gọi/)).toBeNull();
    fireEvent.change(screen.getByLabelText("Người dự từ xa nghe và nói qua"), { target: { value: "external" } });
    const input = screen.getByLabelText(/Đường dẫn cuộc gọi/) as HTMLInputElement;
    expect(input.required).toBe(true);
    expect(input.type).toBe("url");
    fireEvent.input(input, { target: { value: " https://meet.example.vn/kp1 " } });
    expect(mediaFor(mode(), link())).toEqual({ mediaMode: "external", mediaLink: "https://meet.example.vn/kp1" });
    fireEvent.change(screen.getByLabelText("Người dự từ xa nghe và nói qua"), { target: { value: "builtin" } });
    // A link typed before switching away is not sent: the API refuses a link without an external call.
    expect(mediaFor(mode(), link())).toEqual({ mediaMode: "builtin", mediaLink: null });
  });
});

describe("the meeting page's media line", () => {
  it("names each mode, and links an external call in a new tab", () => {
    render(() => <MediaLine mode="external" link="https://meet.example.vn/kp1" />);
    const a = screen.getByRole("link", { name: "meet.example.vn" });
    expect(a.getAttribute("href")).toBe("https://meet.example.vn/kp1");
    expect(a.getAttribute("rel")).toContain("noopener");
    expect(a.parentElement?.textContent).toBe("Dự trực tuyến qua: meet.example.vn");
    cleanup();
    render(() => <MediaLine mode="hall_only" link={null} />);
    expect(screen.getByText("Chỉ tại hội trường")).toBeTruthy();
    cleanup();
    render(() => <MediaLine mode="builtin" link={null} />);
    expect(screen.getByText("Âm thanh hình ảnh tích hợp trong chibo")).toBeTruthy();
    cleanup();
    render(() => <MediaLine mode="external" link="javascript:alert(1)" />);
    expect(screen.queryByRole("link")).toBeNull();
  });
});
