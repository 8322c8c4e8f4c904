// Private keys in PEM (RFC 7468: `-----BEGIN PRIVATE KEY-----` ... `-----END PRIVATE KEY-----`), under
// any name and in any text: a service account's JSON pasted into a body, an `.env` file in a log
// line, a deploy key in a header. The random-token rule (`opaque-token.ts`) catches most of a real
// key's base64 lines, but not its last, shorter line, nor a body that is not random-looking (a test
// key, a hand-written one, an OpenSSH key's `b3BlbnNzaC1rZXktdjE...` prefix that repeats in every
// key) nor the parts the line breaks cut below 24 characters. So the whole body between the markers
// goes, whatever it looks like; the markers stay (a reader sees a private key was there, and which
// kind). A key whose END marker is missing (a truncated value) goes to the end of the text.
//
// The labels: `PRIVATE KEY`, `ENCRYPTED PRIVATE KEY` (PKCS #8), `RSA`, `EC`, `DSA` (OpenSSL's older
// ones), `OPENSSH PRIVATE KEY`, and OpenPGP's `PGP PRIVATE KEY BLOCK` (RFC 4880, armor). Public keys
// and certificates (`PUBLIC KEY`, `CERTIFICATE`) are public and stay.

const BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?)-----/g;
const END = '-----END ';

/** Cheap test before the scan: every label ends so. */
const MAY_HOLD_PRIVATE_KEY = 'PRIVATE KEY';

/** `text` with the body of each PEM private key replaced by what `replace` returns (blanks around it kept). */
export function replacePrivateKeys(text: string, replace: () => string): string {
  if (!text.includes(MAY_HOLD_PRIVATE_KEY)) return text;
  let out = '';
  let last = 0;
  BEGIN.lastIndex = 0;
  for (let begin = BEGIN.exec(text); begin !== null; begin = BEGIN.exec(text)) {
    const bodyStart = begin.index + begin[0].length;
    const endAt = text.indexOf(END, bodyStart);
    const bodyEnd = endAt === -1 ? text.length : endAt;
    const body = text.slice(bodyStart, bodyEnd);
    const lead = /^\s*/.exec(body)![0];
    const core = body.trim();
    // `-----BEGIN PRIVATE KEY-----REDACTED-SECRET-----END...`: already ours (redacting twice changes nothing).
    if (core !== '' && !/^REDACTED-[A-Z-]+$/.test(core)) {
      out += text.slice(last, bodyStart) + lead + replace() + body.slice(lead.length + core.length);
      last = bodyEnd;
    }
    // Linear: the next key is looked for after this one's END marker.
    BEGIN.lastIndex = endAt === -1 ? text.length : endAt + END.length;
  }
  return out + text.slice(last);
}
