import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

// One look for every Staffroom email: plain, readable, no images or tracking pixels. Responsive:
// a container at most 560 px wide that shrinks with the screen, narrower padding on phones (for
// clients that read <style>), images that never exceed their container, buttons that wrap.
const body = { backgroundColor: "#f4f4f5", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" };
const card = { backgroundColor: "#ffffff", borderRadius: "8px", margin: "0 auto", maxWidth: "560px", padding: "32px" };
const button = {
  backgroundColor: "#18181b",
  borderRadius: "6px",
  boxSizing: "border-box",
  color: "#ffffff",
  fontSize: "15px",
  fontWeight: 600,
  lineHeight: "20px",
  maxWidth: "100%",
  padding: "12px 20px",
  textAlign: "center",
  textDecoration: "none",
} as const;
const responsiveCss = `
img { max-width: 100%; height: auto; }
@media only screen and (max-width: 480px) {
  .email-body { padding: 8px 0 !important; }
  .email-card { border-radius: 0 !important; padding: 20px 16px !important; }
}`;
const small = { color: "#71717a", fontSize: "13px", lineHeight: "20px" };

export function EmailLayout({ preview, heading, schoolName, children }: { preview: string; heading: string; schoolName: string | null; children: ReactNode }) {
  return (
    <Html lang="en-GB">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <style>{responsiveCss}</style>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={body} className="email-body">
        <Container style={card} className="email-card">
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
      {/* A link is one long word: let it wrap anywhere rather than widen the email. */}
      <span style={{ wordBreak: "break-all", overflowWrap: "anywhere" }}>{href}</span>
    </Text>
  );
}
