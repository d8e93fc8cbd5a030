"use client";
import { useEffect, useState } from "react";
import { Search } from "lucide-react";
import { Input } from "@/components/ui/input";

/**
 * A search box that waits until typing pauses before searching, so the server is asked
 * once per word rather than once per key.
 */
export function SearchInput({ value, onSearch, label, placeholder, delay = 300 }: { value: string; onSearch: (value: string) => void; label: string; placeholder?: string; delay?: number }) {
  const [text, setText] = useState(value);
  // The value this box last asked for: when the URL echoes it back, the text is left alone
  // (the user may have typed on); any other change (back button, a link) replaces the text.
  const [requested, setRequested] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value === requested) setRequested(null);
    else setText(value);
  }

  useEffect(() => {
    const wanted = text.trim();
    if (wanted === value) return;
    const timer = setTimeout(() => {
      setRequested(wanted);
      onSearch(wanted);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, value, delay, onSearch]);

  return (
    <div className="relative w-full sm:max-w-xs">
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <Input type="search" aria-label={label} placeholder={placeholder ?? label} value={text} onChange={(event) => setText(event.target.value)} className="pl-8" />
    </div>
  );
}
