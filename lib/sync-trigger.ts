/** What started a sync, as people say it: "by Demo Admin", "scheduled", "at sign-in". */
export function syncTriggerLabel(trigger: string, actorLabel?: string | null): string {
  switch (trigger) {
    case "MANUAL":
      return actorLabel ? `by ${actorLabel}` : "by hand";
    case "SCHEDULE":
      return "scheduled";
    case "SIGN_IN":
      return "at sign-in";
    case "WEBHOOK":
      return "when Wonde reported a change";
    case "CLI":
      return "from the command line";
    default:
      return trigger.toLowerCase().replace(/_/g, " ");
  }
}
