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
//
// Two more armors hold private keys the same way: SSH.com's (`---- BEGIN SSH2 ENCRYPTED PRIVATE KEY
// ----`, RFC 4716's armor, which PuTTYgen exports) and PuTTY's `.ppk`, whose key is the lines after
// `Private-Lines: N`, up to `Private-MAC:`.

// Each alternative's group says which armor began: its end marker is END_OF's.
const BEGIN = /(-----)BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|(----) BEGIN SSH2 ENCRYPTED PRIVATE KEY ----|(Private-Lines:)[ \t]*\d{1,5}/g;
const END_OF = { pem: '-----END ', ssh2: '---- END ', putty: 'Private-MAC:' } as const;

/** Cheap test before the scan: every PEM and SSH2 label ends so. */
const MAY_HOLD_PRIVATE_KEY = /PRIVATE KEY|Private-Lines:/;

/** `text` with the body of each PEM private key replaced by what `replace` returns (blanks around it kept). */
export function replacePrivateKeys(text: string, replace: () => string): string {
  if (!MAY_HOLD_PRIVATE_KEY.test(text)) return text;
  let out = '';
  let last = 0;
  BEGIN.lastIndex = 0;
  for (let begin = BEGIN.exec(text); begin !== null; begin = BEGIN.exec(text)) {
    const END = END_OF[begin[1] !== undefined ? 'pem' : begin[2] !== undefined ? 'ssh2' : 'putty'];
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
