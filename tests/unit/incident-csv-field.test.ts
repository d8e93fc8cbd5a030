import { describe, expect, it } from "vitest";
import { csvField } from "@/server/incidents/csv";

// One cell of the incident book's CSV (the whole export is in tests/integration/incidents.test.ts).

describe("csvField", () => {
  it("writes nothing for a missing value, Yes/No for a flag, numbers as they are", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(true)).toBe("Yes");
    expect(csvField(false)).toBe("No");
    expect(csvField(0)).toBe("0");
    expect(csvField("Playground")).toBe("Playground");
  });

  it("quotes text with a comma, a quote or a line break, doubling the quotes", () => {
    expect(csvField("Fell, hurt knee")).toBe('"Fell, hurt knee"');
    expect(csvField('Said "ouch"')).toBe('"Said ""ouch"""');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("a\rb")).toBe('"a\rb"');
  });

  it("turns text that starts like a spreadsheet formula into text, only at the start", () => {
    for (const lead of ["=", "+", "-", "@", "\t"]) expect(csvField(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvField("\rcmd")).toBe(`"'\rcmd"`);
    expect(csvField("=HYPERLINK(\"x\",\"y\")")).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField("a=b-c")).toBe("a=b-c");
    expect(csvField(-3)).toBe("'-3");
  });
});
