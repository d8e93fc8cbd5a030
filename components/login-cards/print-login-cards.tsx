"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Printer } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import { yearGroupLabel } from "@/lib/year-group";

/**
 * Login cards to print for a class (teachers: the classes they teach) or, for admins, a year group:
 * a link to the PDF (app/api/login-cards), which the server checks again.
 */
export function PrintLoginCards({ schoolId, isAdmin }: { schoolId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const [group, setGroup] = useState("");
  const [perPage, setPerPage] = useState("10");
  const classes = useQuery(trpc.classes.list.queryOptions({ schoolId, page: 1, pageSize: 100 }));
  const years = useQuery({ ...trpc.pupilSignIn.settings.queryOptions({ schoolId }), enabled: isAdmin });
  const [kind, id] = group.split(":");
  const href = group ? `/api/login-cards?${new URLSearchParams({ schoolId, [kind === "year" ? "ncYear" : "classId"]: id!, perPage })}` : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Print login cards</h2>
        </CardTitle>
        <CardDescription>
          A4 pages of cards to cut out: each pupil&apos;s name, username, password or picture password, and a QR badge that signs them in. Printing shows the
          current credentials; it doesn&apos;t change them.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid max-w-sm gap-2">
          <Label htmlFor="cards-group">{isAdmin ? "Cards for a class or year group" : "Cards for a class"}</Label>
          <Select value={group} onValueChange={setGroup}>
            <SelectTrigger id="cards-group">
              <SelectValue placeholder={isAdmin ? "Choose a class or year group" : "Choose a class"} />
            </SelectTrigger>
            <SelectContent>
              {isAdmin &&
                years.data
                  ?.filter((y) => y.methods.length > 0)
                  .map((y) => (
                    <SelectItem key={`year:${y.ncYear}`} value={`year:${y.ncYear}`}>
                      {yearGroupLabel(y.ncYear)} (whole year)
                    </SelectItem>
                  ))}
              {classes.data?.rows.map((c) => (
                <SelectItem key={c.id} value={`class:${c.id}`}>
                  {c.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Cards a page</legend>
          <RadioGroup value={perPage} onValueChange={setPerPage} className="flex gap-4">
            {["10", "8"].map((n) => (
              <div key={n} className="flex items-center gap-2">
                <RadioGroupItem id={`cards-per-page-${n}`} value={n} />
                <Label htmlFor={`cards-per-page-${n}`}>{n}</Label>
              </div>
            ))}
          </RadioGroup>
        </fieldset>
        <div>
          {href ? (
            <Button asChild>
              <a href={href} target="_blank" rel="noopener">
                <Printer aria-hidden /> Open login cards (PDF)
              </a>
            </Button>
          ) : (
            <Button disabled>
              <Printer aria-hidden /> Open login cards (PDF)
            </Button>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
