import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorState } from "@/emulator/store";
import { harness, OAKFIELD, RIVERSIDE, walk, type Harness } from "./helpers";

const ids = (records: { id: string }[]) => new Set(records.map((r) => r.id));

describe("change over time", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: "changes" });
  });
  afterAll(() => h.close());

  it("moves the clock only when asked", () => {
    const state = h.emulator.state;
    const before = state.now();
    expect(state.now()).toBe(before);
    const report = state.advanceTime({ seconds: 3600 });
    expect(report.now).not.toBe(before);
    expect(report.schools).toEqual([]); // no changes asked for
  });

  it("edits, admits and loses pupils, visible to updated_after and deletions", async () => {
    const state = h.emulator.state;
    const cursor = state.now(); // what a sync would remember
    const before = state.counts(OAKFIELD);
    const report = state.advanceTime({ schoolIds: [OAKFIELD], students: { edits: 4, starters: 3, leavers: 2 }, contacts: { edits: 2 } });
    const changes = report.schools[0];
    if (!changes) throw new Error("no report");
    expect(changes.students.edited).toHaveLength(4);
    expect(changes.students.started).toHaveLength(3);
    expect(changes.students.left).toHaveLength(2);

    const after = state.counts(OAKFIELD);
    expect(after.students).toBe(before.students + 3 - 2);
    expect(after.leavers).toBe(before.leavers + 2);

    const q = `updated_after=${encodeURIComponent(cursor)}`;
    const { records: changed } = await walk(`${h.emulator.url}schools/${OAKFIELD}/students?${q}&per_page=100`);
    expect(ids(changed)).toEqual(new Set([...changes.students.edited, ...changes.students.started].filter((id) => !changes.students.left.includes(id))));
    for (const s of changed) expect(s.updated_at.date.slice(0, 19)).toBe(report.now);

    const { records: unchanged } = await walk(`${h.emulator.url}schools/${OAKFIELD}/students?updated_before=${encodeURIComponent(cursor)}&per_page=200`);
    expect(unchanged.length + changed.length).toBe(after.students);

    const leavers = (await h.api(`schools/${OAKFIELD}/students-leaver?${q}&include=education_details`)).json().data;
    expect(ids(leavers)).toEqual(new Set(changes.students.left));
    for (const s of leavers) expect(s.education_details.data.leaving_date.date.slice(0, 10)).toBe(report.now.slice(0, 10));
    const current = await walk(`${h.emulator.url}schools/${OAKFIELD}/students?per_page=200`);
    for (const id of changes.students.left) expect(ids(current.records).has(id)).toBe(false);

    const deletions = (await h.api(`schools/${OAKFIELD}/deletions?${q}&per_page=200`)).json().data;
    const deletedPupils = deletions.filter((d: { type: string }) => d.type === "student");
    expect(ids(deletedPupils)).toEqual(new Set(changes.students.left));
    expect(deletedPupils[0]).toEqual({
      type: "student",
      id: expect.any(String),
      mis_id: expect.any(String),
      deleted_at: { date: `${report.now}.000000`, timezone_type: 3, timezone: "UTC" },
      restored_at: null,
    });
    const typed = (await h.api(`schools/${OAKFIELD}/deletions?type=contact&per_page=200`)).json().data;
    expect(typed.every((d: { type: string }) => d.type === "contact")).toBe(true);
    expect(typed.map((d: { id: string }) => d.id).sort()).toEqual([...changes.contacts.deleted].sort());

    const contacts = (await h.api(`schools/${OAKFIELD}/contacts?${q}&per_page=200`)).json().data;
    expect(ids(contacts)).toEqual(new Set([...changes.contacts.edited, ...changes.contacts.added].filter((id) => !changes.contacts.deleted.includes(id))));
  });

  it("gives new starters classes and fresh created_at", async () => {
    const state = h.emulator.state;
    const report = state.advanceTime({ schoolIds: [RIVERSIDE], students: { starters: 1 } });
    const id = report.schools[0]?.students.started[0];
    const s = (await h.api(`schools/${RIVERSIDE}/students/${id}?include=classes,contacts`)).json().data;
    expect(s.created_at.date.slice(0, 19)).toBe(report.now);
    expect(s.classes.data.length).toBeGreaterThan(3);
    expect(s.contacts.data.length).toBeGreaterThan(0);
  });

  it("handles staff starters, leavers and contract ends", async () => {
    const state = h.emulator.state;
    const cursor = state.now();
    const before = state.counts(RIVERSIDE);
    const report = state.advanceTime({
      schoolIds: [RIVERSIDE],
      employees: { edits: 3, starters: 2, leavers: 2, contractEnds: 1 },
    });
    const changes = report.schools[0]?.employees;
    if (!changes) throw new Error("no report");
    const after = state.counts(RIVERSIDE);
    expect(after.employees).toBe(before.employees + 2 - 2);
    expect(after.currentEmployees).toBe(before.currentEmployees + 2 - 2 - 1);

    const include = "employment_details,classes,hierarchy";
    const { records } = await walk(`${h.emulator.url}schools/${RIVERSIDE}/employees?per_page=200&include=${include}`);
    const all = ids(records);
    for (const id of changes.left) expect(all.has(id)).toBe(false);
    for (const id of changes.started) expect(all.has(id)).toBe(true);
    const ended = records.find((e) => e.id === changes.contractsEnded[0]);
    expect(ended.employment_details.data).toMatchObject({ current: false, employment_end_date: { date: `${report.now.slice(0, 10)} 00:00:00.000000` } });
    expect(ended.classes.data).toEqual([]);
    // Nobody reports to someone who has gone.
    for (const e of records) for (const m of e.hierarchy.data) expect(changes.left).not.toContain(m.id);

    const deletions = (await h.api(`schools/${RIVERSIDE}/deletions?type=employee&updated_after=${encodeURIComponent(cursor)}`)).json().data;
    expect(ids(deletions)).toEqual(new Set(changes.left));
  });

  it("is deterministic given the seed and the sequence of calls", () => {
    const run = () => {
      const state = new EmulatorState({ seed: "same" });
      const first = state.advanceTime({ schoolIds: [OAKFIELD], students: { edits: 3, starters: 2, leavers: 2 }, employees: { starters: 1, leavers: 1 } });
      const second = state.advanceTime({ seconds: 7200, students: { edits: 1 }, schoolIds: [OAKFIELD, RIVERSIDE] });
      return JSON.stringify([first, second, state.counts(OAKFIELD), state.school(OAKFIELD)?.students.map((s) => [s.id, s.surname, s.updatedAt])]);
    };
    expect(run()).toBe(run());
  });

  it("is driven over HTTP by /__admin/advance", async () => {
    const res = await h.admin("POST", "advance", { seconds: 60, schoolIds: [OAKFIELD], students: { edits: 1 } });
    expect(res.status).toBe(200);
    expect(res.json().schools[0].students.edited).toHaveLength(1);
    expect((await h.admin("POST", "advance", { schoolIds: ["A0"] })).status).toBe(404);
    expect((await h.admin("POST", "advance", { students: { edits: -1 } })).status).toBe(422);
  });
});
