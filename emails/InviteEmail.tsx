import { Text } from "@react-email/components";
import { ActionButton, EmailLayout, LinkFallback } from "./components/email-layout";

export type InviteEmailProps = { name: string | null; schoolName: string | null; url: string; validFor: string; signInWithSso: string[] };

export function InviteEmail({ name, schoolName, url, validFor, signInWithSso }: InviteEmailProps) {
  return (
    <EmailLayout preview={`Your Staffroom account at ${schoolName ?? "your school"}`} heading="Welcome to Staffroom" schoolName={schoolName}>
      <Text>Hello{name ? ` ${name}` : ""},</Text>
      <Text>
        {schoolName ?? "Your school"} uses Staffroom for staff records and the accident and incident book. Your account is ready: choose a password to
        start. The link works once, for {validFor}.
      </Text>
      <ActionButton href={url}>Choose your password</ActionButton>
      <LinkFallback href={url} />
      {signInWithSso.length > 0 && <Text>You can also sign in with your school {signInWithSso.join(" or ")} account once your school has linked it.</Text>}
    </EmailLayout>
  );
}

InviteEmail.PreviewProps = {
  name: "Ada Lovelace",
  schoolName: "Oakfield Primary School",
  url: "http://localhost:3000/invite/Lq0pZ7vX2cNf9rT4yB6mKs1hJd8aWu3oGe5iRt7YxQw",
  validFor: "7 days",
  signInWithSso: ["Google"],
} satisfies InviteEmailProps;

export default InviteEmail;
