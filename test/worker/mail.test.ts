/**
 * Sending mail (worker/mail/): without a sender, into the outbox; with the `MAIL` send_email binding and `MAIL_FROM`,
 * through Cloudflare Email (miniflare's real simulation of the binding, bound in the tests as TEST_MAIL and handed to
 * the Worker as MAIL); a half-configured sender is refused at startup. And what the invitation mails say.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConfigError, configOf } from "../../server/config";
import { listOutbox } from "../../worker/data/mail-outbox";
import {
  codePageOf,
  forgotPasswordMail,
  type InvitationMailKind,
  invitationMail,
  spacedCode,
} from "../../worker/mail/invitation-texts";
import { mailInvitation } from "../../worker/mail/mail-invitation";
import { sendMail } from "../../worker/mail/send-mail";
import { directory } from "../support/fixtures";

const recipient = () => `nhan-${crypto.randomUUID().slice(0, 8)}@chibo.test`;
/** The tests' env with some variables changed (typed loosely: a test sets wrong values on purpose). */
const envWith = (changed: Record<string, unknown>) => ({ ...env, ...changed }) as Cloudflare.Env;
/** The Worker's env with a sender configured, as deployed (no DEV_OUTBOX), from an address the binding allows. */
const withSender = (from = "no-reply@chibo.test") =>
  envWith({ MAIL: env.TEST_MAIL, MAIL_FROM: from, DEV_OUTBOX: undefined });

describe("sendMail", () => {
  it("keeps the message in the outbox when no sender is configured", async () => {
    const to = recipient();
    const result = await sendMail(env, directory(), {
      to,
      subject: "Chào đồng chí",
      text: "Nội dung có dấu: ắ ặ ữ ỹ đ",
    });
    expect(result.via).toBe("outbox");
    const [kept, ...more] = await listOutbox(directory(), to);
    expect(more).toEqual([]);
    expect(kept).toMatchObject({ to, subject: "Chào đồng chí", text: "Nội dung có dấu: ắ ặ ữ ỹ đ" });
  });

  it("sends through the send_email binding when one is configured, and keeps nothing in the outbox", async () => {
    const to = recipient();
    const result = await sendMail(withSender(), directory(), {
      to,
      subject: "Đặt lại mật khẩu",
      text: "Liên kết",
    });
    expect(result.via).toBe("email");
    expect(result.via === "email" && result.messageId).toBeTruthy();
    expect(await listOutbox(directory(), to)).toEqual([]);
  });

  it("keeps local development's mail in the outbox even when a sender is configured (DEV_OUTBOX)", async () => {
    const to = recipient();
    const local = envWith({ MAIL: env.TEST_MAIL, MAIL_FROM: "no-reply@chibo.test" });
    expect((await sendMail(local, directory(), { to, subject: "Thử", text: "Thư demo" })).via).toBe("outbox");
    expect(await listOutbox(directory(), to)).toHaveLength(1);
  });

  it("throws when the sender refuses the message (here: a From the binding does not allow)", async () => {
    const to = recipient();
    await expect(
      sendMail(withSender("khac@chibo.test"), directory(), { to, subject: "x", text: "y" }),
    ).rejects.toThrow();
    expect(await listOutbox(directory(), to)).toEqual([]);
  });

  it("keeps a subject on one line", async () => {
    const to = recipient();
    await sendMail(env, directory(), { to, subject: "Chi bộ\r\nBcc: ai-do@example.com", text: "x" });
    expect((await listOutbox(directory(), to))[0]!.subject).toBe("Chi bộ Bcc: ai-do@example.com");
  });
});

describe("the sender's configuration", () => {
  it("needs MAIL and MAIL_FROM together, and MAIL_FROM an address", () => {
    expect(configOf(withSender()).mail?.from).toBe("no-reply@chibo.test");
    expect(configOf(env).mail).toBeNull();
    const broken = [
      { MAIL: env.TEST_MAIL },
      { MAIL_FROM: "no-reply@chibo.test" },
      { MAIL: env.TEST_MAIL, MAIL_FROM: "chibo" },
      { MAIL: "not a binding", MAIL_FROM: "no-reply@chibo.test" },
    ];
    for (const change of broken) {
      expect(() => configOf(envWith(change)), JSON.stringify(Object.keys(change))).toThrow(ConfigError);
    }
    expect(() => configOf(envWith({ MAIL: env.TEST_MAIL }))).toThrow(/MAIL_FROM is not set/);
    expect(() => configOf(envWith({ MAIL_FROM: "a@chibo.test" }))).toThrow(
      /MAIL_FROM is set but the MAIL send_email binding is missing/,
    );
  });
});

const LINK = "https://chibo.example/invite/Zx9_abcDEF-0123456789abcdefghijklmnopqrstu";
const CODE = "ABCDEFGHJK";

describe("invitation mails", () => {
  const kinds: InvitationMailKind[] = ["member", "reset", "guest", "staff"];
  const committee = "Đảng ủy phường Hòa An";

  it("carry the link on its own line and the code, Vietnamese with its diacritics first, English second", () => {
    for (const kind of kinds) {
      const mail = invitationMail({ to: "a@chibo.test", kind, committeeName: committee, link: LINK, code: CODE });
      const english = mail.text.indexOf("— English below —");
      expect(english, kind).toBeGreaterThan(0);
      const [vi, en] = [mail.text.slice(0, english), mail.text.slice(english)];
      for (const half of [vi, en]) {
        expect(half, kind).toContain(`\n${LINK}\n`);
        expect(half, kind).toContain("ABCDE-FGHJK");
        expect(half, kind).toContain("https://chibo.example/invite ");
      }
      expect(vi, kind).toMatch(/^Kính gửi đồng chí,/);
      expect(vi, kind).toContain("chỉ dùng được một lần, có hiệu lực 14 ngày");
      expect(en, kind).toContain("Dear comrade,");
      expect(en, kind).toContain("expire in 14 days");
      // The committee's name as written, in the subject and the body; the subject in both languages.
      expect(mail.subject, kind).toContain(committee);
      expect(mail.subject, kind).toMatch(/ \/ /);
      expect(mail.text, kind).toContain(committee);
      // Precomposed (NFC): what a mail program shows and a search finds.
      expect(mail.text.normalize("NFC"), kind).toBe(mail.text);
    }
  });

  it("says what each kind is for", () => {
    const text = (kind: InvitationMailKind, meetingTitle?: string) =>
      invitationMail({ to: "a@chibo.test", kind, committeeName: committee, link: LINK, code: CODE, meetingTitle });
    expect(text("member").text).toContain("mời đồng chí dùng chibo");
    expect(text("reset").subject).toMatch(/^Đặt lại mật khẩu chibo/);
    expect(text("reset").text).toContain("mọi phiên đăng nhập đang mở sẽ kết thúc");
    expect(text("staff").text).toContain(`tham gia quản lý ${committee}`);
    const guest = text("guest", "Sinh hoạt chi bộ tháng 12");
    expect(guest.subject).toBe(
      `Mời dự cuộc họp “Sinh hoạt chi bộ tháng 12” – ${committee} / Invitation to the meeting “Sinh hoạt chi bộ tháng 12” – ${committee}`,
    );
    expect(guest.text).toContain("với tư cách khách mời");
    expect(text("guest").text).toContain("dự buổi sinh hoạt");
  });

  it("the forgot-password mail: one hour, no committee, what to do if one did not ask", () => {
    const mail = forgotPasswordMail(LINK, CODE);
    expect(mail.subject).toBe("Đặt lại mật khẩu chibo / Reset your chibo password");
    expect(mail.text).toContain(`\n${LINK}\n`);
    expect(mail.text).toContain("ABCDE-FGHJK");
    expect(mail.text).toContain("có hiệu lực 1 giờ");
    expect(mail.text).toContain("mật khẩu hiện tại vẫn giữ nguyên");
    expect(mail.text.indexOf("mật khẩu hiện tại")).toBeLessThan(mail.text.indexOf("current password"));
  });

  it("codes read in two halves, typed on the link's own origin", () => {
    expect(spacedCode("ABCDEFGHJK")).toBe("ABCDE-FGHJK");
    expect(codePageOf("http://localhost:8787/invite/xyz")).toBe("http://localhost:8787/invite");
  });

  it("mailInvitation sends the text to the record's contact e-mail (here: into the outbox, intact)", async () => {
    const to = recipient();
    const result = await mailInvitation(env, directory(), {
      to,
      kind: "guest",
      committeeName: committee,
      link: LINK,
      code: CODE,
      meetingTitle: "Hội nghị học tập nghị quyết",
    });
    expect(result.via).toBe("outbox");
    const [kept] = await listOutbox(directory(), to);
    const expected = invitationMail({
      to,
      kind: "guest",
      committeeName: committee,
      link: LINK,
      code: CODE,
      meetingTitle: "Hội nghị học tập nghị quyết",
    });
    expect(kept).toMatchObject({ to, subject: expected.subject, text: expected.text });
  });
});
