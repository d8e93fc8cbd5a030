import { Text } from "@react-email/components";
import { EmailLayout } from "./components/email-layout";

export type AccountReenabledEmailProps = { names: string[]; schoolName: string | null };

/** To the school's admins: staff who came back in the MIS can sign in again. */
export function AccountReenabledEmail({ names, schoolName }: AccountReenabledEmailProps) {
  return (
    <EmailLayout preview={`${names.length} returning staff can sign in again`} heading="Returning staff re-enabled" schoolName={schoolName}>
      <Text>Hello,</Text>
      <Text>
        The MIS lists {names.length === 1 ? "this member of staff" : "these members of staff"} as current again, so Staffroom re-enabled {names.length === 1 ? "their account" : "their accounts"}:{" "}
        {names.join(", ")}.
      </Text>
      <Text>Their records, incidents and sign-in links are as they left them. If someone should not have access, disable their account on the Users page.</Text>
    </EmailLayout>
  );
}

AccountReenabledEmail.PreviewProps = { names: ["Lovelace, Ada (AL)"], schoolName: "Oakfield Primary School" } satisfies AccountReenabledEmailProps;

export default AccountReenabledEmail;
