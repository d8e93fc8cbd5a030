import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Skeleton } from "@/components/ui/skeleton";

// axe refuses aria-label on a div with no role (the accessibility spec caught "Loading the
// incident" mid-load on a busy CI box): a labelled skeleton is a status, a bare one is decoration.
describe("Skeleton", () => {
  it("announces a labelled skeleton as a status", () => {
    expect(renderToStaticMarkup(createElement(Skeleton, { "aria-label": "Loading the incident" }))).toMatch(/role="status"[^>]*aria-label="Loading the incident"|aria-label="Loading the incident"[^>]*role="status"/);
  });
  it("gives an unlabelled skeleton no role, and keeps a role it is given", () => {
    expect(renderToStaticMarkup(createElement(Skeleton))).not.toContain("role=");
    expect(renderToStaticMarkup(createElement(Skeleton, { "aria-label": "Loading", role: "progressbar" }))).toContain('role="progressbar"');
  });
});
