/**
 * Unique Pupil Numbers (DfE "UPN" specification).
 *
 * 13 characters: a check letter, then LA code (3 digits), establishment number (4 digits),
 * the last two digits of the year of allocation, and a 3-digit serial. A *temporary* UPN has a
 * letter as its 13th character. The check letter is Σ(char value × weight) over characters
 * 2–13 with weights 2..13, mod 23, indexed into the 23 letters A–Z without I, O and S. Letters
 * inside the number (only position 13) take their index in that same alphabet as their value.
 */

export const UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ";

function charValue(ch: string): number | null {
  if (ch >= "0" && ch <= "9") return ch.charCodeAt(0) - 48;
  const index = UPN_ALPHABET.indexOf(ch);
  return index === -1 ? null : index;
}

/** The check letter for the 12 characters after it; throws on malformed input. */
export function upnCheckLetter(body: string): string {
  if (!/^\d{11}[0-9A-HJ-NP-RT-Z]$/.test(body)) {
    throw new Error(`UPN body must be 11 digits and a digit or UPN letter, got "${body}"`);
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (charValue(body[i] as string) ?? 0) * (i + 2);
  return UPN_ALPHABET[sum % 23] as string;
}

export function isValidUpn(upn: string): boolean {
  if (upn.length !== 13) return false;
  const body = upn.slice(1);
  if (!/^\d{11}[0-9A-HJ-NP-RT-Z]$/.test(body)) return false;
  return upnCheckLetter(body) === upn[0];
}

export interface UpnParts {
  laCode: string; // 3 digits
  establishment: string; // 4 digits
  year: number; // full or two-digit year of allocation
  serial: number; // 0..999
  /** A temporary UPN ends with a letter instead of the last serial digit. */
  temporaryLetter?: string;
}

export function makeUpn(parts: UpnParts): string {
  const yy = String(parts.year % 100).padStart(2, "0");
  let serial = String(parts.serial % 1000).padStart(3, "0");
  if (parts.temporaryLetter) serial = serial.slice(0, 2) + parts.temporaryLetter;
  const body = `${parts.laCode}${parts.establishment}${yy}${serial}`;
  return upnCheckLetter(body) + body;
}
