"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, KeyRound, LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc";
import { signOutAction } from "@/app/(app)/actions";

type Login = { username: string; password: string };

/**
 * The key button on a launcher tile: save the username and password used for an app without
 * single sign-on, and see or copy them after confirming it's you. Plain words: pupils use it too.
 */
export function SavedLoginButton({ schoolId, appId, appName, pupil }: { schoolId: string; appId: string; appName: string; pupil: boolean }) {
  const trpc = useTRPC();
  const saved = useQuery(trpc.savedLogins.list.queryOptions({ schoolId }));
  const [open, setOpen] = useState(false);
  const isSaved = saved.data?.apps.some((a) => a.appId === appId) ?? false;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button
          variant={isSaved ? "secondary" : "ghost"}
          size="icon"
          className="absolute top-1 right-1 size-9"
          aria-label={isSaved ? `Saved password for ${appName}` : `Save a password for ${appName}`}
          disabled={saved.isPending}
        >
          <KeyRound aria-hidden />
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-[calc(100vw-2rem)] sm:max-w-md">
        <DialogHeader>
          <DialogTitle>{appName}</DialogTitle>
          <DialogDescription>
            {pupil ? "Keep your username and password for this app here. Only you can see them." : "Your username and password for this app. Only you can see them: not even your school's administrators."}
          </DialogDescription>
        </DialogHeader>
        {saved.isPending ? (
          <Skeleton className="h-24" aria-label="Loading" />
        ) : saved.isError ? (
          <FormError>{saved.error.message}</FormError>
        ) : open ? (
          <SavedLoginPanel schoolId={schoolId} appId={appId} pupil={pupil} isSaved={isSaved} reauth={saved.data.reauth} />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function SavedLoginPanel({
  schoolId,
  appId,
  pupil,
  isSaved,
  reauth,
}: {
  schoolId: string;
  appId: string;
  pupil: boolean;
  isSaved: boolean;
  reauth: { method: "password" | "pupil-password" | "sign-in-again"; freshUntil: Date | null };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "edit" | "confirm">(isSaved ? "view" : "edit");
  const [login, setLogin] = useState<Login | null>(null);
  const [status, setStatus] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.savedLogins.list.queryKey({ schoolId }) });
  const reveal = useMutation(trpc.savedLogins.reveal.mutationOptions({ onSuccess: (data) => setLogin(data) }));
  const forget = useMutation(
    trpc.savedLogins.forget.mutationOptions({
      onSuccess: async () => {
        setLogin(null);
        setMode("edit");
        setStatus("Forgotten.");
        await refresh();
      },
    }),
  );
  const show = () => {
    const fresh = reauth.freshUntil && new Date(reauth.freshUntil) > new Date();
    if (fresh) reveal.mutate({ appId });
    else setMode("confirm");
  };
  const copy = async (what: string, text: string) => {
    await navigator.clipboard.writeText(text);
    setStatus(`${what} copied.`);
  };

  if (mode === "edit") return <SaveForm schoolId={schoolId} appId={appId} pupil={pupil} onSaved={() => (setMode("view"), setLogin(null), setStatus("Saved."))} onCancel={isSaved ? () => setMode("view") : undefined} />;
  if (mode === "confirm")
    return (
      <ConfirmItsYou
        pupil={pupil}
        method={reauth.method}
        onConfirmed={async () => {
          setMode("view");
          await refresh();
          reveal.mutate({ appId });
        }}
        onCancel={() => setMode("view")}
      />
    );
  return (
    <div className="grid gap-4">
      {login ? (
        <dl className="grid gap-3">
          {(
            [
              ["Username", login.username],
              ["Password", login.password],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="grid gap-1">
              <dt className="text-sm font-medium">{label}</dt>
              <dd className="flex items-center gap-2">
                <code className="min-w-0 flex-1 rounded-md border bg-muted px-2 py-1.5 break-all">{value}</code>
                <Button type="button" variant="outline" size="sm" onClick={() => copy(label, value)} aria-label={`Copy ${label.toLowerCase()}`}>
                  <Copy aria-hidden /> Copy
                </Button>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm">{pupil ? "Your username and password are saved." : "A username and password are saved."}</p>
      )}
      {reveal.isError && <FormError>{reveal.error.message}</FormError>}
      {forget.isError && <FormError>{forget.error.message}</FormError>}
      <div className="flex flex-wrap gap-2">
        {login ? (
          <Button type="button" onClick={() => setLogin(null)}>
            Hide
          </Button>
        ) : (
          <Button type="button" onClick={show} disabled={reveal.isPending}>
            {reveal.isPending ? "Opening…" : "Show"}
          </Button>
        )}
        <Button type="button" variant="outline" onClick={() => setMode("edit")}>
          Change
        </Button>
        <Button type="button" variant="outline" onClick={() => forget.mutate({ appId })} disabled={forget.isPending}>
          Forget
        </Button>
      </div>
      <p aria-live="polite" className="text-sm text-muted-foreground">
        {status}
      </p>
    </div>
  );
}

function SaveForm({ schoolId, appId, pupil, onSaved, onCancel }: { schoolId: string; appId: string; pupil: boolean; onSaved: () => void; onCancel?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const save = useMutation(
    trpc.savedLogins.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.savedLogins.list.queryKey({ schoolId }) });
        onSaved();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ appId, username, password });
  };
  return (
    <form onSubmit={submit} className="grid gap-4" aria-label="Save username and password">
      <div className="grid gap-2">
        <Label htmlFor={`saved-username-${appId}`}>{pupil ? "Your username for this app" : "Username"}</Label>
        <Input id={`saved-username-${appId}`} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required maxLength={200} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`saved-password-${appId}`}>{pupil ? "Your password for this app" : "Password"}</Label>
        <Input id={`saved-password-${appId}`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required maxLength={500} />
      </div>
      {save.isError && <FormError>{save.error.message}</FormError>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        {onCancel && (
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/** Before showing a saved password: the user's own password (or pupil password), or signing in again. */
function ConfirmItsYou({
  pupil,
  method,
  onConfirmed,
  onCancel,
}: {
  pupil: boolean;
  method: "password" | "pupil-password" | "sign-in-again";
  onConfirmed: () => Promise<void>;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const [password, setPassword] = useState("");
  const confirm = useMutation(trpc.savedLogins.reauthenticate.mutationOptions({ onSuccess: () => onConfirmed() }));
  if (method === "sign-in-again")
    return (
      <div className="grid gap-4">
        <p className="text-sm">
          {pupil
            ? "To see it, sign out and sign in again (with your badge or pictures), then come back here."
            : "To see it, sign out and sign in again with Google or Microsoft. For 10 minutes after that you can see your saved passwords."}
        </p>
        <div className="flex flex-wrap gap-2">
          <form action={signOutAction}>
            <Button type="submit">
              <LogOut aria-hidden /> Sign out to sign in again
            </Button>
          </form>
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate({ password });
  };
  return (
    <form onSubmit={submit} className="grid gap-4" aria-label="Confirm it's you">
      <div className="grid gap-2">
        <Label htmlFor="confirm-password">{pupil ? "Type your own password (the one you sign in with)" : "Type your Staffroom password to see it"}</Label>
        <Input id="confirm-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required autoFocus />
        <p className="text-sm text-muted-foreground">{pupil ? "Then you can see your saved passwords for 10 minutes." : "Then your saved passwords can be shown for 10 minutes."}</p>
      </div>
      {confirm.isError && <FormError>{confirm.error.message}</FormError>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? "Checking…" : "Confirm"}
        </Button>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
