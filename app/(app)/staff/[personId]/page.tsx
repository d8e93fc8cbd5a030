import { cache } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { StaffDetail } from "@/components/staff/staff-detail";
import { currentSchool } from "@/lib/current-school";
import { formatPersonName } from "@/lib/person-name";

type Props = { params: Promise<{ personId: string }> };

/** Cached per request: the metadata and the page share one look-up. */
const loadStaffMember = cache(async (personId: string) => {
  const { me, school: access, api } = await currentSchool();
  if (!access) return { me, access, person: null };
  if (access.role === "STAFF") return { me, access, person: null };
  try {
    const person = await api.staff.get({ schoolId: access.schoolId, personId });
    return { me, access, person, api };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { person } = await loadStaffMember((await params).personId);
  return { title: person ? formatPersonName(person) : "Staff member" };
}

export default async function StaffMemberPage({ params }: Props) {
  const { me, access, person, api } = await loadStaffMember((await params).personId);
  if (!access) return <NoSchool email={me.user.email} />;
  if (!person || !api)
    return (
      <>
        <PageHeader title="Staff member" />
        <AdminOnly what="open staff records" />
      </>
    );
  const school = await api.schools.get({ schoolId: access.schoolId });
  return <StaffDetail person={person} timezone={school.timezone} />;
}
