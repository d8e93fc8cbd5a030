import { Section, Text } from "@react-email/components";
import { ActionButton, EmailLayout, LinkFallback } from "./components/email-layout";

export type IncidentNotificationEmailProps = {
  schoolName: string;
  recipientName: string;
  /** The one person this email is about: the recipient's child, or the staff member they are next of kin to. */
  aboutName: string;
  /** The opening paragraph: the school's (or its trust's) template, filled in. */
  intro: string;
  reference: string;
  when: string;
  where: string;
  type: string;
  severity: string;
  /** What happened, with any other pupil's name already taken out. */
  whatHappened: string;
  injury: string | null;
  firstAid: string | null;
  outcome: string | null;
  replyTo: string;
  ackUrl: string | null;
};

const label = { color: "#71717a", fontSize: "13px", margin: "0" };
const value = { fontSize: "15px", margin: "0 0 12px" };

function Detail({ name, children }: { name: string; children: string }) {
  return (
    <>
      <Text style={label}>{name}</Text>
      <Text style={value}>{children}</Text>
    </>
  );
}

/**
 * To a parent (or a staff member's next of kin) about one incident. Plain language, only
 * the recipient's own child or relative named, no images or tracking; the plain-text twin is
 * rendered from the same template.
 */
export function IncidentNotificationEmail(props: IncidentNotificationEmailProps) {
  return (
    <EmailLayout preview={`${props.aboutName}: an incident at ${props.schoolName}`} heading={`An incident involving ${props.aboutName}`} schoolName={props.schoolName}>
      <Text>Dear {props.recipientName},</Text>
      <Text>{props.intro}</Text>
      <Section>
        <Detail name="When">{props.when}</Detail>
        <Detail name="Where">{props.where}</Detail>
        <Detail name="What kind of incident">{`${props.type} (${props.severity.toLowerCase()})`}</Detail>
        <Detail name="What happened">{props.whatHappened}</Detail>
        {props.injury && <Detail name="Injury">{props.injury}</Detail>}
        {props.firstAid && <Detail name="First aid">{props.firstAid}</Detail>}
        {props.outcome && <Detail name="What happened next">{props.outcome}</Detail>}
        <Detail name="Our reference">{props.reference}</Detail>
      </Section>
      {props.ackUrl && (
        <>
          <Text>Please let us know you have read this by pressing the button below.</Text>
          <ActionButton href={props.ackUrl}>I have read this</ActionButton>
          <LinkFallback href={props.ackUrl} />
        </>
      )}
      <Text>
        If you have any questions, reply to this email or write to {props.replyTo}.
      </Text>
    </EmailLayout>
  );
}

IncidentNotificationEmail.PreviewProps = {
  schoolName: "Oakfield Primary School",
  recipientName: "Mrs Jones",
  aboutName: "Ella Jones",
  intro: "We are writing to let you know about an incident at Oakfield Primary School involving Ella Jones. The details we recorded are below.",
  reference: "INC-0042",
  when: "23 Nov 2026, 12:35",
  where: "Playground (by the climbing frame)",
  type: "Accident / injury",
  severity: "Minor",
  whatHappened: "Ella slipped on the wet steps and grazed her knee.",
  injury: "Graze (left knee)",
  firstAid: "Cleaned and dressed by Mr Patel",
  outcome: "Returned to class / work",
  replyTo: "office@oakfield.example",
  ackUrl: "http://localhost:3000/ack/r9Qw2m0vXcE7bYtLpN4sKf8hJd3aZu6oGi1eRy5TqWx",
} satisfies IncidentNotificationEmailProps;

export default IncidentNotificationEmail;
