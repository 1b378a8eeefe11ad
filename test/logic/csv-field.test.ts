import { describe, expect, it } from "vitest";
import { csvField } from "../../schema/csv/csv-field";

describe("csvField", () => {
  it("prefixes ' to text a spreadsheet would read as a formula, and quotes it", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField("+1+1")).toBe(`"'+1+1"`);
    expect(csvField("-2+3")).toBe(`"'-2+3"`);
    expect(csvField("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvField("\tX")).toBe(`"'\tX"`);
    expect(csvField("\rX")).toBe(`"'\rX"`);
    // Text that only looks like a negative number is still text someone typed: neutralised too.
    expect(csvField("-3")).toBe(`"'-3"`);
  });

  it("writes numbers as numbers, negative ones included, and leaves ordinary text alone", () => {
    expect(csvField(-3)).toBe("-3");
    expect(csvField(84.6)).toBe("84.6");
    expect(csvField(0)).toBe("0");
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe("");
    expect(csvField("Chi bộ khu phố 1")).toBe("Chi bộ khu phố 1");
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("'=already")).toBe("'=already");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField("Nguyễn, Văn A")).toBe('"Nguyễn, Văn A"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
  });
});
