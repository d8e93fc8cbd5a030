import { Text } from "@react-email/components";
import { ActionButton, EmailLayout, LinkFallback } from "./components/email-layout";

export type PasswordResetEmailProps = { name: string | null; schoolName: string | null; url: string; validFor: string };

export function PasswordResetEmail({ name, schoolName, url, validFor }: PasswordResetEmailProps) {
  return (
    <EmailLayout preview="Set a new Staffroom password" heading="Set a new password" schoolName={schoolName}>
      <Text>Hello{name ? ` ${name}` : ""},</Text>
      <Text>Someone asked to set a new password for your Staffroom account. If it was you, use the button below. The link works once, for {validFor}.</Text>
      <ActionButton href={url}>Choose a new password</ActionButton>
      <LinkFallback href={url} />
      <Text>If you didn&apos;t ask for this, you can ignore this email: your password has not changed.</Text>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  name: "Ada Lovelace",
  schoolName: "Oakfield Primary School",
  url: "http://localhost:3000/reset-password/Hk3nV8sP1qZ6wX9cB2mLt5rJf7dAy4uOe0iGs3TxWq",
  validFor: "1 hour",
} satisfies PasswordResetEmailProps;

export default PasswordResetEmail;
