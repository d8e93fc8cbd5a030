import { StaffLink } from "@/components/people/person-link";
import { NotProvided, NotRecorded } from "@/components/people/not-provided";
import type { NamedPerson } from "@/lib/person-name";

type Teacher = { person: NamedPerson & { id: string }; isMainTeacher?: boolean };

/** The staff who teach a class or subject, main teacher first, linked for administrators. */
export function StaffNames({ staff, linked, provided, mis }: { staff: Teacher[]; linked: boolean; provided: boolean; mis: string }) {
  if (staff.length === 0) return provided ? <NotRecorded>None</NotRecorded> : <NotProvided mis={mis} />;
  const ordered = [...staff].sort((a, b) => Number(b.isMainTeacher ?? false) - Number(a.isMainTeacher ?? false) || a.person.surname.localeCompare(b.person.surname));
  return (
    <ul className="grid gap-0.5">
      {ordered.map(({ person, isMainTeacher }) => (
        <li key={person.id}>
          <StaffLink person={person} linked={linked} />
          {isMainTeacher && ordered.length > 1 && <span className="text-xs text-muted-foreground"> (main teacher)</span>}
        </li>
      ))}
    </ul>
  );
}
