import { describe, expect, it } from "vitest";
import { mapHeader, parseDate, parseMemberRow } from "../../schema/csv/members-csv";
import { guessDelimiter, parseCsv } from "../../schema/csv/parse-csv";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and keeps each record's first line", () => {
    const r = parseCsv('a,b,c\r\n"Nguyễn, Văn A","say ""hi""","line1\nline2"\r\nx,y,z\n');
    expect(r).toEqual({
      ok: true,
      delimiter: ",",
      records: [
        { line: 1, cells: ["a", "b", "c"] },
        { line: 2, cells: ["Nguyễn, Văn A", 'say "hi"', "line1\nline2"] },
        { line: 4, cells: ["x", "y", "z"] },
      ],
    });
  });

  it("drops a BOM and blank records, and guesses ; or tab as the delimiter", () => {
    const r = parseCsv("\uFEFFHọ và tên;Chi bộ\n\n;\nA;B\n");
    expect(r.ok && r.records).toEqual([
      { line: 1, cells: ["Họ và tên", "Chi bộ"] },
      { line: 4, cells: ["A", "B"] },
    ]);
    expect(guessDelimiter("a\tb\tc\n1,2")).toBe("\t");
    expect(guessDelimiter('"a;b",c')).toBe(",");
  });

  it("reports an unterminated quote at the line it opened, and stray quotes", () => {
    expect(parseCsv('a,b\n1,"open\n2,3')).toEqual({
      ok: false,
      line: 2,
      message: expect.stringMatching(/Unterminated/),
    });
    expect(parseCsv('a,b\n1,x"y"')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a,b\n1,"x"y')).toMatchObject({ ok: false, line: 2 });
  });
});

describe("member CSV rows", () => {
  const vi = mapHeader([
    "Họ và tên",
    "Email",
    "Điện thoại",
    "Năm sinh",
    "Chi bộ",
    "Trạng thái",
    "Ngày vào dự bị",
    "Chức vụ",
  ]);

  it("maps Vietnamese and English headers, ignoring case and diacritics", () => {
    expect(vi.problems).toEqual([]);
    expect(vi.columns).toEqual({
      fullName: 0,
      email: 1,
      phone: 2,
      birthYear: 3,
      branch: 4,
      status: 5,
      probationStart: 6,
      branchRole: 7,
    });
    const en = mapHeader(["Full name", "E-mail", "Phone", "Birth year", "Branch", "Status", "Probation start", "Role"]);
    expect(en.problems).toEqual([]);
    expect(mapHeader(["HO VA TEN", "chi bo", "trang thai"]).problems).toEqual([]);
    expect(mapHeader(["STT", "Họ tên", "Chi bộ", "Trạng thái", "Ghi chú", ""])).toEqual({
      columns: { fullName: 1, branch: 2, status: 3 },
      problems: [],
    });
  });

  it("refuses unknown, repeated and missing columns", () => {
    const { problems } = mapHeader(["Họ và tên", "Họ tên", "Quê quán"]);
    expect(problems).toEqual([
      expect.stringMatching(/repeated/),
      expect.stringMatching(/Unknown column "Quê quán"/),
      expect.stringMatching(/Missing column branch/),
      expect.stringMatching(/Missing column status/),
    ]);
  });

  it("normalizes a good row", () => {
    const r = parseMemberRow(
      ["  Lê  Thị Hoa ", "Hoa@X.VN", "0912 345 678", "1975", "Chi bộ 1", "dự bị", "05/03/2026", "Phó Bí thư"],
      vi.columns,
      7,
      2026,
    );
    expect(r).toEqual({
      problems: [],
      row: {
        line: 7,
        fullName: "Lê Thị Hoa",
        email: "hoa@x.vn",
        phone: "0912 345 678",
        birthYear: 1975,
        branch: "Chi bộ 1",
        status: "probationary",
        probationStart: "2026-03-05",
        branchRole: "deputy",
      },
    });
    expect(parseMemberRow(["A", "", "", "", "B", "Chính thức", "", ""], vi.columns, 2).row?.branchRole).toBe("member");
  });

  it("lists every problem of a bad row", () => {
    const r = parseMemberRow(["", "not-mail", "call me", "19x5", "", "khai trừ", "", "vua"], vi.columns, 9, 2026);
    expect(r.row).toBeNull();
    expect(r.problems).toHaveLength(7);
    const probation = parseMemberRow(["A", "", "", "", "B", "Dự bị", "31/02/2026", ""], vi.columns, 3);
    expect(probation.problems).toEqual([expect.stringMatching(/Bad date/)]);
    const missing = parseMemberRow(["A", "", "", "", "B", "Dự bị", "", ""], vi.columns, 3);
    expect(missing.problems).toEqual([expect.stringMatching(/Probation start date required/)]);
  });

  it("parses ISO and Vietnamese dates and refuses impossible ones", () => {
    expect(parseDate("2026-2-3")).toBe("2026-02-03");
    expect(parseDate("3.2.2026")).toBe("2026-02-03");
    expect(parseDate("29/02/2024")).toBe("2024-02-29");
    expect(parseDate("29/02/2025")).toBeNull();
    expect(parseDate("2026/02/03")).toBeNull();
    expect(parseDate("hôm qua")).toBeNull();
  });
});
