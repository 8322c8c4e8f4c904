// Schemes a URL glued after a secret may start with, as a scan reading back from its `://` finds
// them at the end of a run of letters and digits (`ghp_...redis://`, `<JWT>-https%3A%2F%2F...`):
// the secret stops where one begins. The special schemes (https://url.spec.whatwg.org/#special-scheme),
// and those of the stores, queues and tools whose connection strings carry a password
// (`redis://user:pass@host`), which are not special. Any other scheme is read whole: it may be
// `x-foo` or `mysql+pymysql`, and nothing tells where a secret glued before it would end.

export const SPECIAL_SCHEMES = '(?:https?|wss?|ftp|file)';
export const STORE_SCHEMES =
  '(?:rediss?|postgres(?:ql)?|mongodb(?:\\+srv)?|amqps?|mysql|mariadb|mssql|sqlserver|ldaps?|smtps?|imaps?|pop3s?|sftp|ssh|git|svn|s3|nats|mqtts?|kafka|memcached|cassandra|neo4j(?:\\+s)?|bolt|couchbase|clickhouse|rtsp|xmpp|irc|telnet|vnc|smb)';

/** `://`, or `%3A%2F%2F` (any case) as a URL percent-encoded in text writes it, at `at`; its length or 0. */
export function schemeSeparatorAt(text: string, at: number): number {
  if (text.startsWith('://', at)) return 3;
  return text.length >= at + 9 && text.slice(at, at + 9).toUpperCase() === '%3A%2F%2F' ? 9 : 0;
}
