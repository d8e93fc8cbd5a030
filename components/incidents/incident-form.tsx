"use client";
import { useHydrated } from "@/hooks/use-hydrated";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, Loader2, Plus, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { INCIDENT_OUTCOMES, INCIDENT_SEVERITIES, INCIDENT_TYPES, OUTCOME_LABELS, SEVERITY_LABELS, TYPE_LABELS, VISITOR_KINDS, VISITOR_LABELS, type VisitorKind } from "@/lib/incidents/labels";
import { useTRPC } from "@/lib/trpc";
import { incidentFields, type IncidentFieldsInput } from "@/server/incidents/input";
import { emptyAction, emptyAffected, type ActionRow, type AffectedRow, type IncidentFormValues } from "./incident-form-values";
import { PersonCombobox } from "./person-combobox";

const NONE = "none";
// One thumb on a phone: 44 px targets and 16 px text (no zoom on focus); the desktop sizes from sm up.
const TOUCH_INPUT = "h-11 text-base sm:h-9 sm:text-sm";
const TOUCH_SELECT = "w-full data-[size=default]:h-11 sm:data-[size=default]:h-9";
const TOUCH_BUTTON = "h-11 sm:h-8";

function toInput(v: IncidentFormValues): IncidentFieldsInput {
  return {
    occurredAt: v.occurredAt,
    locationId: v.locationId,
    locationDetail: v.locationDetail,
    type: v.type as IncidentFieldsInput["type"],
    severity: v.severity as IncidentFieldsInput["severity"],
    description: v.description,
    affected: v.affected.map((a) =>
      a.mode === "person"
        ? { id: a.id, personId: a.person?.id ?? null, injury: a.injury, bodyPart: a.bodyPart }
        : { id: a.id, personId: null, visitorKind: a.visitorKind, visitorName: a.visitorName, injury: a.injury, bodyPart: a.bodyPart },
    ),
    firstAidGiven: v.firstAidGiven,
    firstAidDetails: v.firstAidDetails,
    firstAidBy: v.firstAidBy,
    outcome: (v.outcome || null) as IncidentFieldsInput["outcome"],
    witnesses: v.witnesses,
    riddorReportable: v.riddorReportable,
    riddorReason: v.riddorReason,
    actions: v.actions.map((a) => ({ description: a.description, ownerPersonId: a.owner?.id ?? null, dueOn: a.dueOn || null, done: a.done })),
  };
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">{title}</h2>
        </CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent className="grid gap-4">{children}</CardContent>
    </Card>
  );
}

/**
 * Logs (or edits) an incident. Usable on a phone: one column, large targets. Validated as
 * you go with the server's own schema; on a failed save the message shows and nothing typed
 * is lost.
 */
export function IncidentForm({ schoolId, initial, incidentId }: { schoolId: string; initial: IncidentFormValues; incidentId?: string }) {
  const hydrated = useHydrated();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const uid = useId();
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const locations = useQuery(trpc.incidents.locations.queryOptions({ schoolId }));

  const onSaved = (id: string, message: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
    toast.success(message);
    router.push(`/incidents/${id}`);
  };
  const create = useMutation(trpc.incidents.create.mutationOptions({ onSuccess: (r) => onSaved(r.id, "Incident logged") }));
  const update = useMutation(trpc.incidents.update.mutationOptions({ onSuccess: (r) => onSaved(r.id, "Incident updated") }));
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  const input = toInput(values);
  const parsed = incidentFields.safeParse(input);
  const errors = new Map<string, string>();
  if (!parsed.success) for (const issue of parsed.error.issues) if (!errors.has(issue.path.join("."))) errors.set(issue.path.join("."), issue.message);
  const errorFor = (path: string) => (submitted ? errors.get(path) : undefined);

  const set = <K extends keyof IncidentFormValues>(key: K, value: IncidentFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setAffected = (key: string, patch: Partial<AffectedRow>) => setValues((v) => ({ ...v, affected: v.affected.map((a) => (a.key === key ? { ...a, ...patch } : a)) }));
  const setAction = (key: string, patch: Partial<ActionRow>) => setValues((v) => ({ ...v, actions: v.actions.map((a) => (a.key === key ? { ...a, ...patch } : a)) }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.success) {
      document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    if (incidentId) update.mutate({ schoolId, incidentId, fields: input });
    else create.mutate({ schoolId, ...input });
  };

  const id = (name: string) => `${uid}-${name}`;
  const describedBy = (name: string, hint = false) => [hint ? `${id(name)}-hint` : null, errorFor(name) ? `${id(name)}-error` : null].filter(Boolean).join(" ") || undefined;
  const text = (name: keyof IncidentFormValues & string, label: string, opts: { multiline?: boolean; hint?: string; placeholder?: string } = {}) => {
    const Control = opts.multiline ? Textarea : Input;
    return (
      <Field id={id(name)} label={label} error={errorFor(name)} hint={opts.hint}>
        <Control
          id={id(name)}
          value={values[name] as string}
          placeholder={opts.placeholder}
          onChange={(e: { target: { value: string } }) => set(name, e.target.value as never)}
          aria-invalid={errorFor(name) ? true : undefined}
          aria-describedby={describedBy(name, Boolean(opts.hint))}
          className={opts.multiline ? "text-base sm:text-sm" : TOUCH_INPUT}
        />
      </Field>
    );
  };
  const select = (name: "type" | "severity" | "outcome", label: string, options: readonly string[], labels: Record<string, string>, optional = false) => (
    <Field id={id(name)} label={label} error={errorFor(name)}>
      {/* Always controlled: "" (nothing chosen yet) shows the placeholder; undefined would make the Select uncontrolled until a choice. */}
      <Select value={values[name] || (optional ? NONE : "")} onValueChange={(v) => set(name, v === NONE ? "" : v)}>
        <SelectTrigger id={id(name)} className={TOUCH_SELECT} aria-invalid={errorFor(name) ? true : undefined} aria-describedby={describedBy(name)}>
          <SelectValue placeholder="Choose…" />
        </SelectTrigger>
        <SelectContent>
          {optional && <SelectItem value={NONE}>Not recorded</SelectItem>}
          {options.map((o) => (
            <SelectItem key={o} value={o}>
              {labels[o]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-3xl gap-6" aria-label={incidentId ? "Edit incident" : "Log incident"}>
      {failure && (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertTitle>The incident couldn&apos;t be saved</AlertTitle>
          <AlertDescription>{failure.message} Nothing you typed has been lost: correct it and save again.</AlertDescription>
        </Alert>
      )}

      <Section title="When and where">
        <Field id={id("occurredAt")} label="Date and time" error={errorFor("occurredAt")}>
          <Input
            id={id("occurredAt")}
            type="datetime-local"
            value={values.occurredAt}
            onChange={(e) => set("occurredAt", e.target.value)}
            aria-invalid={errorFor("occurredAt") ? true : undefined}
            aria-describedby={describedBy("occurredAt")}
            className={TOUCH_INPUT}
          />
        </Field>
        <Field id={id("locationId")} label="Location" hint={locations.data?.length ? undefined : "Your administrator can add the school's usual places in Incident settings."}>
          <Select value={values.locationId ?? NONE} onValueChange={(v) => set("locationId", v === NONE ? null : v)}>
            <SelectTrigger id={id("locationId")} className={TOUCH_SELECT} aria-describedby={locations.data?.length ? undefined : `${id("locationId")}-hint`}>
              <SelectValue placeholder="Choose a place…" />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={NONE}>Somewhere else (describe below)</SelectItem>
              {locations.data?.map((l) => (
                <SelectItem key={l.id} value={l.id}>
                  {l.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
        {text("locationDetail", "Where exactly", { placeholder: "e.g. by the climbing frame" })}
      </Section>

      <Section title="Who was affected" description="Pick pupils or staff from your MIS, or type in a visitor or contractor.">
        {values.affected.map((a, index) => (
          <fieldset key={a.key} className="grid gap-3 rounded-lg border p-3">
            <legend className="px-1 text-sm font-medium">Affected person {index + 1}</legend>
            <div className="flex flex-wrap gap-2" role="radiogroup" aria-label={`Affected person ${index + 1} is`}>
              {(["person", "visitor"] as const).map((mode) => (
                <Button key={mode} type="button" size="sm" className={TOUCH_BUTTON} variant={a.mode === mode ? "default" : "outline"} role="radio" aria-checked={a.mode === mode} onClick={() => setAffected(a.key, { mode })}>
                  {mode === "person" ? "Pupil or staff" : "Visitor or contractor"}
                </Button>
              ))}
            </div>
            {a.mode === "person" ? (
              <div className="grid gap-2">
                <PersonCombobox
                  schoolId={schoolId}
                  label={index === 0 ? "Affected person" : `Affected person ${index + 1}`}
                  value={a.person}
                  onChange={(person) => setAffected(a.key, { person })}
                  invalid={Boolean(errorFor(`affected.${index}.visitorName`))}
                  describedBy={errorFor(`affected.${index}.visitorName`) ? `${id(`affected-${index}`)}-error` : undefined}
                />
                {errorFor(`affected.${index}.visitorName`) && (
                  <p id={`${id(`affected-${index}`)}-error`} className="text-sm text-destructive">
                    Pick a pupil or member of staff.
                  </p>
                )}
              </div>
            ) : (
              <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
                <Field id={id(`visitorKind-${index}`)} label="Kind">
                  <Select value={a.visitorKind} onValueChange={(v) => setAffected(a.key, { visitorKind: v as VisitorKind })}>
                    <SelectTrigger id={id(`visitorKind-${index}`)} className={TOUCH_SELECT}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {VISITOR_KINDS.map((k) => (
                        <SelectItem key={k} value={k}>
                          {VISITOR_LABELS[k]}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </Field>
                <Field id={id(`visitorName-${index}`)} label="Name" error={errorFor(`affected.${index}.visitorName`)}>
                  <Input
                    id={id(`visitorName-${index}`)}
                    value={a.visitorName}
                    onChange={(e) => setAffected(a.key, { visitorName: e.target.value })}
                    aria-invalid={errorFor(`affected.${index}.visitorName`) ? true : undefined}
                    className={TOUCH_INPUT}
                  />
                </Field>
              </div>
            )}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id={id(`injury-${index}`)} label="Injury (if any)">
                <Input id={id(`injury-${index}`)} value={a.injury} placeholder="e.g. graze, bump" onChange={(e) => setAffected(a.key, { injury: e.target.value })} className={TOUCH_INPUT} />
              </Field>
              <Field id={id(`bodyPart-${index}`)} label="Part of the body">
                <Input id={id(`bodyPart-${index}`)} value={a.bodyPart} placeholder="e.g. left knee" onChange={(e) => setAffected(a.key, { bodyPart: e.target.value })} className={TOUCH_INPUT} />
              </Field>
            </div>
            {values.affected.length > 1 && (
              <div>
                <Button type="button" variant="ghost" size="sm" className={TOUCH_BUTTON} onClick={() => set("affected", values.affected.filter((x) => x.key !== a.key))}>
                  <Trash2 aria-hidden /> Remove affected person {index + 1}
                </Button>
              </div>
            )}
          </fieldset>
        ))}
        <div>
          <Button type="button" variant="outline" className="h-11 sm:h-9" onClick={() => set("affected", [...values.affected, emptyAffected()])}>
            <Plus aria-hidden /> Add another person
          </Button>
        </div>
        {errorFor("affected") && <p className="text-sm text-destructive">{errorFor("affected")}</p>}
      </Section>

      <Section title="What happened">
        <div className="grid gap-4 sm:grid-cols-2">
          {select("type", "Type", INCIDENT_TYPES, TYPE_LABELS)}
          {select("severity", "Severity", INCIDENT_SEVERITIES, SEVERITY_LABELS)}
        </div>
        {text("description", "What happened", { multiline: true, hint: "Facts in plain words. Families are sent this with other pupils' names taken out." })}
        {text("witnesses", "Witnesses", { multiline: true, hint: "Kept in the book only: never sent to families." })}
      </Section>

      <Section title="First aid and outcome">
        <div className="flex items-center gap-3">
          <Switch id={id("firstAidGiven")} checked={values.firstAidGiven} onCheckedChange={(checked) => set("firstAidGiven", checked)} />
          <Label htmlFor={id("firstAidGiven")}>First aid was given</Label>
        </div>
        {values.firstAidGiven && (
          <div className="grid gap-4 sm:grid-cols-2">
            {text("firstAidDetails", "First aid given")}
            {text("firstAidBy", "Given by")}
          </div>
        )}
        {select("outcome", "Outcome", INCIDENT_OUTCOMES, OUTCOME_LABELS, true)}
      </Section>

      <Section title="RIDDOR" description="Some injuries, illnesses and dangerous occurrences must be reported to the HSE.">
        <div className="flex items-center gap-3">
          <Switch id={id("riddorReportable")} checked={values.riddorReportable} onCheckedChange={(checked) => set("riddorReportable", checked)} />
          <Label htmlFor={id("riddorReportable")}>May be RIDDOR-reportable</Label>
        </div>
        {values.riddorReportable && text("riddorReason", "Why it may be reportable", { multiline: true })}
      </Section>

      <Section title="Follow-up actions">
        {values.actions.length === 0 && <p className="text-sm text-muted-foreground">No follow-up actions yet.</p>}
        {values.actions.map((a, index) => (
          <fieldset key={a.key} className="grid gap-3 rounded-lg border p-3">
            <legend className="px-1 text-sm font-medium">Action {index + 1}</legend>
            <Field id={id(`action-${index}`)} label="What needs doing" error={errorFor(`actions.${index}.description`)}>
              <Input id={id(`action-${index}`)} value={a.description} onChange={(e) => setAction(a.key, { description: e.target.value })} aria-invalid={errorFor(`actions.${index}.description`) ? true : undefined} className={TOUCH_INPUT} />
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <div className="grid gap-2">
                <span className="text-sm font-medium">Owner</span>
                <PersonCombobox schoolId={schoolId} kind="STAFF" label={`Owner of action ${index + 1}`} value={a.owner} onChange={(owner) => setAction(a.key, { owner })} placeholder="Type a colleague's name…" />
              </div>
              <Field id={id(`due-${index}`)} label="Due by">
                <Input id={id(`due-${index}`)} type="date" value={a.dueOn} onChange={(e) => setAction(a.key, { dueOn: e.target.value })} className={TOUCH_INPUT} />
              </Field>
            </div>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="flex items-center gap-2">
                <Checkbox id={id(`done-${index}`)} checked={a.done} onCheckedChange={(checked) => setAction(a.key, { done: checked === true })} />
                <Label htmlFor={id(`done-${index}`)}>Done</Label>
              </div>
              <Button type="button" variant="ghost" size="sm" className={TOUCH_BUTTON} onClick={() => set("actions", values.actions.filter((x) => x.key !== a.key))}>
                <Trash2 aria-hidden /> Remove action {index + 1}
              </Button>
            </div>
          </fieldset>
        ))}
        <div>
          <Button type="button" variant="outline" className="h-11 sm:h-9" onClick={() => set("actions", [...values.actions, emptyAction()])}>
            <Plus aria-hidden /> Add an action
          </Button>
        </div>
      </Section>

      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <Button type="submit" size="lg" className="h-12 sm:h-10" disabled={!hydrated || saving}>
          {saving && <Loader2 className="animate-spin" aria-hidden />}
          {saving ? "Saving…" : incidentId ? "Save changes" : "Log incident"}
        </Button>
        <Button type="button" size="lg" variant="outline" className="h-12 sm:h-10" onClick={() => router.back()} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
