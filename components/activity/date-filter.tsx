"use client";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Complete dates only: while a year is being typed the input briefly holds "0002-…". */
const isCommittable = (value: string) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && Number(value.slice(0, 4)) >= 2000);

/**
 * A date box kept in the URL. It keeps its own text while the user types and sends a date
 * only once it is complete and typing pauses; a change from elsewhere (a shortcut, the back
 * button) replaces the text.
 */
export function DateFilter({ id, label, value, onChange, min, max, delay = 400 }: { id: string; label: string; value: string; onChange: (value: string) => void; min?: string; max?: string; delay?: number }) {
  const [text, setText] = useState(value);
  // The value this box last asked for, so the URL echoing it back doesn't overwrite newer typing.
  const [requested, setRequested] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value === requested) setRequested(null);
    else setText(value);
  }

  useEffect(() => {
    if (text === value || !isCommittable(text)) return;
    const timer = setTimeout(() => {
      setRequested(text);
      onChange(text);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, value, delay, onChange]);

  return (
    <div className="flex items-center gap-2">
      <Label htmlFor={id} className="text-muted-foreground">
        {label}
      </Label>
      <Input id={id} type="date" value={text} min={min} max={max} onChange={(event) => setText(event.target.value)} className="w-40" />
    </div>
  );
}
