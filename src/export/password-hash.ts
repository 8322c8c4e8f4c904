// A stored password's hash in the modular crypt format (`$2b$12$...` bcrypt, `$argon2id$v=19$...`,
// `$6$rounds=5000$salt$...` SHA-crypt, `$pbkdf2-sha256$...`, `$y$...` yescrypt): whoever has it can
// try passwords offline, so it goes whole, under any name (`"hash"` alone is as often a content hash
// or a route, `"#section"`, and is not judged by its name). Random-looking runs already went
// (`opaque-token.ts`), but cut at the format's `$`, `.` and `/` they left pieces of the hash (the
// bcrypt salt, `.Ss7KIUgO2t0jWMUW`). Session 45.
// https://passlib.readthedocs.io/en/stable/modular_crypt_format.html

// Each identifier, then a run of the format's characters (base64 with `./`, `$` between fields,
// `=`, `,` for Argon2's parameters). Starts only where no base64 run goes on before it (the
// look-behind), so each run is read once: linear in the text. After `=`, `,` or `-` it may start
// (`data=$2b$...`: M11, the salt and the digest's tail stayed).
const PASSWORD_HASH = /(?<![./A-Za-z0-9$+])\$(?:2[abxy]?|argon2(?:id|i|d)|[1567]|y|gy|pbkdf2(?:-sha(?:1|256|512))?|scrypt)\$[./A-Za-z0-9$=,+-]{16,}/g;

/** `text` with each password hash in the modular crypt format replaced by `replacement()`. */
export function replacePasswordHashes(text: string, replacement: () => string): string {
  if (!text.includes('$')) return text;
  return text.replace(PASSWORD_HASH, replacement);
}
