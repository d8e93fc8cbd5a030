"use client";
// The OpenID Connect part of an app's form in Settings → Apps, and the one-time view of a new
// client secret. Used for a school's apps and a trust's.
import { useEffect, useState } from "react";
import { Check, Copy } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

export type SignInSettings = {
  redirectUris: string;
  postLogoutRedirectUris: string;
  backchannelLogoutUri: string;
  initiateLoginUri: string;
  scopes: ("classes" | "year_group")[];
  pairwiseSubject: boolean;
};

export const NO_SIGN_IN: SignInSettings = { redirectUris: "", postLogoutRedirectUris: "", backchannelLogoutUri: "", initiateLoginUri: "", scopes: [], pairwiseSubject: false };

const lines = (text: string) => text.split(/\s+/).map((l) => l.trim()).filter(Boolean);

/** The form's text as the signInApps procedures take it. */
export const signInInput = (s: SignInSettings) => ({
  redirectUris: lines(s.redirectUris),
  postLogoutRedirectUris: lines(s.postLogoutRedirectUris),
  backchannelLogoutUri: s.backchannelLogoutUri.trim() || null,
  initiateLoginUri: s.initiateLoginUri.trim() || null,
  scopes: s.scopes,
  pairwiseSubject: s.pairwiseSubject,
});

/** What signInApps.get (or trustList) returned, as the form's text. */
export const signInSettingsOf = (c: { redirectUris: string[]; postLogoutRedirectUris: string[]; backchannelLogoutUri: string | null; initiateLoginUri: string | null; scopes: string[]; pairwiseSubject: boolean }): SignInSettings => ({
  redirectUris: c.redirectUris.join("\n"),
  postLogoutRedirectUris: c.postLogoutRedirectUris.join("\n"),
  backchannelLogoutUri: c.backchannelLogoutUri ?? "",
  initiateLoginUri: c.initiateLoginUri ?? "",
  scopes: c.scopes.filter((s): s is "classes" | "year_group" => s === "classes" || s === "year_group"),
  pairwiseSubject: c.pairwiseSubject,
});

const SCOPES = [
  { value: "year_group" as const, label: "Pupils' year group (year_group)" },
  { value: "classes" as const, label: "The user's classes (classes)" },
];

export function SignInFieldset({ value, onChange }: { value: SignInSettings; onChange: (next: SignInSettings) => void }) {
  const set = (patch: Partial<SignInSettings>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="grid gap-4 rounded-md border p-3">
      <legend className="px-1 text-sm font-medium">Sign-in through Staffroom (OpenID Connect)</legend>
      <div className="grid gap-2">
        <Label htmlFor="oidc-redirects">Redirect URIs (one per line)</Label>
        <Textarea id="oidc-redirects" value={value.redirectUris} required rows={2} onChange={(e) => set({ redirectUris: e.target.value })} aria-describedby="oidc-redirects-hint" />
        <p id="oidc-redirects-hint" className="text-sm text-muted-foreground">
          Where the app receives its sign-ins, from the app&apos;s SSO settings.
        </p>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="oidc-initiate">The app&apos;s sign-in start address (optional)</Label>
        <Input id="oidc-initiate" type="url" inputMode="url" value={value.initiateLoginUri} onChange={(e) => set({ initiateLoginUri: e.target.value })} aria-describedby="oidc-initiate-hint" />
        <p id="oidc-initiate-hint" className="text-sm text-muted-foreground">
          The tile opens this, so the app starts signing in at once. Empty: the tile opens the web address above.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor="oidc-post-logout">After sign-out, return to (optional, one per line)</Label>
          <Textarea id="oidc-post-logout" value={value.postLogoutRedirectUris} rows={2} onChange={(e) => set({ postLogoutRedirectUris: e.target.value })} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="oidc-backchannel">Back-channel logout URI (optional)</Label>
          <Input id="oidc-backchannel" type="url" inputMode="url" value={value.backchannelLogoutUri} onChange={(e) => set({ backchannelLogoutUri: e.target.value })} aria-describedby="oidc-backchannel-hint" />
          <p id="oidc-backchannel-hint" className="text-sm text-muted-foreground">
            Told when a user leaves, so the app signs them out.
          </p>
        </div>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">What the app may ask for, besides name, role and school (and staff email)</legend>
        {SCOPES.map((scope) => (
          <label key={scope.value} className="flex items-center gap-2 text-sm">
            <Checkbox
              checked={value.scopes.includes(scope.value)}
              onCheckedChange={(on) => set({ scopes: on === true ? [...value.scopes, scope.value] : value.scopes.filter((s) => s !== scope.value) })}
            />
            {scope.label}
          </label>
        ))}
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <Checkbox className="mt-0.5" checked={value.pairwiseSubject} onCheckedChange={(on) => set({ pairwiseSubject: on === true })} />
        <span>A separate user id for this app (pairwise), so apps can&apos;t match their users up with each other&apos;s.</span>
      </label>
    </fieldset>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button type="button" variant="outline" size="sm" aria-label={`Copy ${label}`} onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />} {copied ? "Copied" : "Copy"}
    </Button>
  );
}

/** The client id and secret, once: the secret is stored hashed and can't be shown again. */
export function ClientSecretNotice({ clientId, clientSecret, onDone }: { clientId: string; clientSecret: string; onDone: () => void }) {
  // Shown only after a save in the browser, never rendered on the server.
  const issuer = typeof window === "undefined" ? "/oidc" : `${window.location.origin}/oidc`;
  const rows = [
    { label: "Issuer", value: issuer },
    { label: "Client ID", value: clientId },
    { label: "Client secret", value: clientSecret },
  ];
  return (
    <Alert role="status">
      <AlertTitle>Copy the client secret now</AlertTitle>
      <AlertDescription className="grid gap-3">
        <p>Put these in the app&apos;s OpenID Connect settings. Staffroom keeps only a hash of the secret, so it can&apos;t show it again (you can make a new one).</p>
        <dl className="grid gap-2">
          {rows.map((row) => (
            <div key={row.label} className="grid gap-1">
              <dt className="text-sm font-medium text-foreground">{row.label}</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <code className="break-all rounded bg-muted px-2 py-1 text-sm text-foreground" data-testid={`oidc-${row.label.toLowerCase().replace(/\s+/g, "-")}`}>
                  {row.value}
                </code>
                <CopyButton text={row.value} label={row.label} />
              </dd>
            </div>
          ))}
        </dl>
        <div>
          <Button type="button" onClick={onDone}>
            I&apos;ve copied it
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}
