import { describe, expect, it } from "vitest";
import { codeOfStatus, errorCodes, statusOfCode } from "../../schema/errors";

describe("error codes and HTTP statuses", () => {
  it("gives every code its own status, and reads each status back as that code", () => {
    const statuses = errorCodes.map((code) => statusOfCode[code]);
    expect(new Set(statuses).size).toBe(errorCodes.length);
    for (const code of errorCodes) expect(codeOfStatus(statusOfCode[code])).toBe(code);
  });

  it("reads a status without a code of its own as bad_request below 500 and internal from 500", () => {
    expect([405, 415, 422].map(codeOfStatus)).toEqual(["bad_request", "bad_request", "bad_request"]);
    expect([502, 504].map(codeOfStatus)).toEqual(["internal", "internal"]);
    expect(codeOfStatus(503)).toBe("unavailable");
  });
});
