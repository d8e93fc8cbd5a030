import Link from "next/link";
import { formatPersonName, type NamedPerson } from "@/lib/person-name";

/** A staff member's name, linked to their detail page when the viewer may open it. */
export function StaffLink({ person, linked = true, title = false }: { person: NamedPerson & { id: string }; linked?: boolean; title?: boolean }) {
  const name = formatPersonName(person, { title });
  if (!linked) return <span>{name}</span>;
  return (
    <Link href={`/staff/${person.id}`} className="font-medium underline-offset-4 hover:underline focus-visible:underline">
      {name}
    </Link>
  );
}
