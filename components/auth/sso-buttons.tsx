import { signInWithProvider } from "@/app/(auth)/sign-in/actions";
import { Button } from "@/components/ui/button";

/** One button per configured provider; none at all when no provider is configured. */
export function SsoButtons({ providers, callbackUrl }: { providers: { id: string; label: string }[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="grid gap-2">
      {providers.map((provider) => (
        <form key={provider.id} action={signInWithProvider}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="outline" className="w-full">
            Sign in with {provider.label}
          </Button>
        </form>
      ))}
      <div className="my-2 flex items-center gap-3 text-xs text-muted-foreground" aria-hidden>
        <span className="h-px flex-1 bg-border" />
        or with your email
        <span className="h-px flex-1 bg-border" />
      </div>
    </div>
  );
}
