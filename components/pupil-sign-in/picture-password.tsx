"use client";
import { useState } from "react";
import { Delete, Loader2 } from "lucide-react";
import { signInPupilWithPictures } from "@/app/(auth)/sign-in/pupil-actions";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";

type Pupil = { personId: string; name: string };

/** Shared device, after the class: the pupil taps their name, then their four pictures in order. */
export function PicturePassword({ pupils, grid }: { pupils: Pupil[]; grid: readonly string[] }) {
  const [pupil, setPupil] = useState<Pupil | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function tap(index: number) {
    const next = [...chosen, index];
    setChosen(next);
    if (next.length < 4 || !pupil) return;
    setPending(true);
    const result = await signInPupilWithPictures(pupil.personId, next);
    if (result.error) {
      setError(result.error);
      setChosen([]);
      setPending(false);
    }
  }

  if (!pupil)
    return (
      <ul className="grid grid-cols-2 gap-2" aria-label="Choose your name">
        {pupils.map((p) => (
          <li key={p.personId}>
            <Button type="button" variant="outline" size="lg" className="h-14 w-full text-base" onClick={() => setPupil(p)}>
              {p.name}
            </Button>
          </li>
        ))}
      </ul>
    );

  return (
    <div className="grid gap-4">
      <p className="text-center text-lg">
        Hello <strong>{pupil.name}</strong>! Tap your four pictures in order.
      </p>
      {error && (
        <FormError>{error}</FormError>
      )}
      <div className="flex justify-center gap-3" role="status" aria-label={`${chosen.length} of 4 pictures chosen`}>
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={`size-4 rounded-full border-2 border-primary ${i < chosen.length ? "bg-primary" : ""}`} />
        ))}
      </div>
      <div className="grid grid-cols-4 gap-2">
        {grid.map((emoji, index) => (
          <button
            key={emoji}
            type="button"
            disabled={pending}
            onClick={() => void tap(index)}
            aria-label={`Picture ${index + 1}: ${emoji}`}
            className="flex aspect-square items-center justify-center rounded-md border text-3xl hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50 sm:text-4xl"
          >
            {emoji}
          </button>
        ))}
      </div>
      <div className="flex justify-between gap-2">
        <Button type="button" variant="ghost" onClick={() => { setPupil(null); setChosen([]); setError(null); }}>
          Not {pupil.name}?
        </Button>
        <Button type="button" variant="outline" disabled={pending || chosen.length === 0} onClick={() => setChosen(chosen.slice(0, -1))}>
          {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Delete aria-hidden />}
          Back
        </Button>
      </div>
    </div>
  );
}
