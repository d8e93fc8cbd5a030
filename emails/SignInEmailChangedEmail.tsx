import { Text } from "@react-email/components";
import { ActionButton, EmailLayout, LinkFallback } from "./components/email-layout";

export type SignInEmailChangedEmailProps = {
  /** Who reads it: the person whose sign-in changed, or one of the school's admins. */
  audience: "person" | "admin";
  name: string;
  from: string;
  to: string;
  schoolName: string | null;
  signInUrl: string;
};

/** The MIS changed someone's work email, so their Staffroom sign-in followed it. */
export function SignInEmailChangedEmail({ audience, name, from, to, schoolName, signInUrl }: SignInEmailChangedEmailProps) {
  const school = schoolName ?? "your school";
  return (
    <EmailLayout preview={`Staffroom sign-in is now ${to}`} heading="Sign-in email changed" schoolName={schoolName}>
      {audience === "person" ? (
        <>
          <Text>Hello {name},</Text>
          <Text>
            {school}&apos;s MIS now gives your work email as {to}, so that is the address you sign in to Staffroom with from now on. The old address, {from}, no longer signs
            in. Your password, records and linked Google or Microsoft account stay as they were.
          </Text>
          <ActionButton href={signInUrl}>Sign in</ActionButton>
          <LinkFallback href={signInUrl} />
          <Text>If you didn&apos;t expect this, tell your school office: the work email comes from the school&apos;s MIS.</Text>
        </>
      ) : (
        <>
          <Text>Hello,</Text>
          <Text>
            The MIS now gives {name}&apos;s work email as {to} (was {from}), so their Staffroom sign-in followed it. The old address no longer signs in. They have been told.
          </Text>
          <Text>Nothing else changed: their records, incidents and sign-in links stay with them.</Text>
        </>
      )}
    </EmailLayout>
  );
}

SignInEmailChangedEmail.PreviewProps = {
  audience: "person",
  name: "Ada Lovelace",
  from: "a.lovelace@oakfield.sch.uk",
  to: "ada.lovelace@oakfield-academy.org.uk",
  schoolName: "Oakfield Primary School",
  signInUrl: "http://localhost:3000/sign-in",
} satisfies SignInEmailChangedEmailProps;

export default SignInEmailChangedEmail;
