// Doctrine status tokens: the final message of a piece of work must open with exactly one of them.
export const STATUS_TOKENS = ['VERIFIED', 'PENDING_REVIEW', 'UNVERIFIED', 'FAIL'] as const;
export type StatusToken = (typeof STATUS_TOKENS)[number];

/**
 * The token the message starts with, if any. Leading whitespace and Markdown decoration
 * (`**`, `#`, `>`, backticks, `-`) are skipped; the token must be a whole word, case-sensitive.
 */
export function leadingStatus(message: string | undefined): StatusToken | undefined {
  if (typeof message !== 'string') return undefined;
  const head = message.slice(0, 200).replace(/^[\s*_#>`\-[\]]+/, '');
  const m = /^(VERIFIED|PENDING_REVIEW|UNVERIFIED|FAIL)(?![A-Za-z0-9_])/.exec(head);
  return m ? (m[1] as StatusToken) : undefined;
}

/** Is the leading token an honest one given whether a checker ran since the last edit? */
export function honestStatus(token: StatusToken | undefined, checked: boolean): boolean {
  if (!token) return false;
  return token === 'VERIFIED' ? checked : true;
}
