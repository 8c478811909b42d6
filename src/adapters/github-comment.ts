/**
 * The sticky pull-request comment of the GitHub Action: one comment, found again by a hidden marker and updated in
 * place (PATCH) on every run, so a pull request never collects a comment per push. Node's own `fetch`, no client
 * library; `GITHUB_API_URL` decides the server (GitHub Enterprise, or a test's fake).
 */

export const COMMENT_MARKER = '<!-- deprecfix -->';

/** GitHub refuses comment bodies over 65,536 characters. */
const MAX_BODY = 65_536;

export interface CommentTarget {
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  issueNumber: number;
  token: string;
}

export type CommentOutcome = { action: 'created' | 'updated'; id: number; url?: string };

export async function upsertStickyComment(target: CommentTarget, markdown: string): Promise<CommentOutcome> {
  const body = commentBody(markdown);
  const base = `${target.apiUrl.replace(/\/+$/, '')}/repos/${target.repository}`;
  const existing = await findMarkedComment(target, base);
  if (existing !== undefined) {
    const updated = await request<{ id: number; html_url?: string }>(target, 'PATCH', `${base}/issues/comments/${existing}`, { body });
    return { action: 'updated', id: updated.id, url: updated.html_url };
  }
  const created = await request<{ id: number; html_url?: string }>(target, 'POST', `${base}/issues/${target.issueNumber}/comments`, { body });
  return { action: 'created', id: created.id, url: created.html_url };
}

export function commentBody(markdown: string): string {
  const head = `${COMMENT_MARKER}\n`;
  const full = head + markdown;
  if (full.length <= MAX_BODY) return full;
  const note = '\n\n_…cut to fit a comment: the job summary has the whole report._\n';
  return head + markdown.slice(0, MAX_BODY - head.length - note.length) + note;
}

/** The id of the first comment carrying the marker, through every page of the pull request's comments. */
async function findMarkedComment(target: CommentTarget, base: string): Promise<number | undefined> {
  for (let page = 1; ; page++) {
    const comments = await request<{ id: number; body?: string }[]>(target, 'GET', `${base}/issues/${target.issueNumber}/comments?per_page=100&page=${page}`);
    const marked = comments.find((comment) => comment.body?.includes(COMMENT_MARKER));
    if (marked) return marked.id;
    if (comments.length < 100) return undefined;
  }
}

async function request<T>(target: CommentTarget, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${target.token}`,
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    const detail = (await response.text()).slice(0, 300);
    throw new Error(`${method} ${new URL(url).pathname} answered ${response.status}${detail ? `: ${detail}` : ''}`);
  }
  return (await response.json()) as T;
}
