import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

// One look for every Staffroom email: plain, readable, no images or tracking pixels.
const body = { backgroundColor: "#f4f4f5", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" };
const card = { backgroundColor: "#ffffff", borderRadius: "8px", margin: "0 auto", maxWidth: "560px", padding: "32px" };
const button = { backgroundColor: "#18181b", borderRadius: "6px", color: "#ffffff", fontSize: "15px", fontWeight: 600, padding: "12px 20px", textDecoration: "none" };
const small = { color: "#71717a", fontSize: "13px", lineHeight: "20px" };

export function EmailLayout({ preview, heading, schoolName, children }: { preview: string; heading: string; schoolName: string | null; children: ReactNode }) {
  return (
    <Html lang="en-GB">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={card}>
          <Text style={{ ...small, margin: 0 }}>{schoolName ?? "Staffroom"}</Text>
          <Heading as="h1" style={{ fontSize: "22px", margin: "8px 0 16px" }}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: "#e4e4e7", margin: "24px 0" }} />
          <Text style={small}>Sent by Staffroom for {schoolName ?? "your school"}. If you have a question, ask your school&apos;s office.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: "24px 0" }}>
      <Button href={href} style={button}>
        {children}
      </Button>
    </Section>
  );
}

/** The link again as text, for mail clients that hide buttons. */
export function LinkFallback({ href }: { href: string }) {
  return (
    <Text style={small}>
      If the button doesn&apos;t work, copy this address into your browser: <br />
      {href}
    </Text>
  );
}
