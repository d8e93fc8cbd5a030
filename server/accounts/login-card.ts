// One pupil's login card: what the printable cards (server/accounts/cards-pdf.ts) show.
// The credential fields are the *current* credentials, decrypted only to print them;
// each is null when the pupil's year group does not use that method.
export type LoginCard = {
  personId: string;
  name: string;
  // The class or year group the cards were printed for, e.g. "7B Maths" or "Year 7".
  group: string;
  username: string;
  // Three child-safe words and two digits.
  password: string | null;
  // Four emoji from the picture grid, in order.
  pictureSequence: string[] | null;
  // Absolute sign-in URL holding the badge's high-entropy secret (what the QR code encodes).
  badgeUrl: string | null;
};
