import type { ServerResponse } from 'node:http';
import type { ApprovalAnswer, ApprovalField } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { ExecutionWait } from '../entities/execution-wait.entity';

const TEXT_MAX = 4_000;
const NAME_MAX = 200;

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(status: number, title: string, body: string, res: ServerResponse): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#0f172a}label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=number]{width:100%;padding:.4rem;box-sizing:border-box}.actions{margin-top:1.4rem;display:flex;gap:.6rem}button{padding:.5rem 1.2rem}</style></head>
<body>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(html)), 'cache-control': 'no-store' }).end(html);
}

function input(field: ApprovalField): string {
  const id = `f-${field.name}`;
  const required = field.required ? ' required' : '';
  if (field.type === 'boolean') return `<label><input type="checkbox" name="${escape(field.name)}" data-testid="${id}"> ${escape(field.label)}</label>`;
  const type = field.type === 'number' ? 'number" step="any' : 'text';
  return `<label for="${id}">${escape(field.label)}${field.required ? ' *' : ''}</label><input id="${id}" data-testid="${id}" type="${type}" name="${escape(field.name)}"${required}>`;
}

/** The page at an approval wait's resume URL: its message, its form, who answers, approve / reject. */
export function approvalForm(res: ServerResponse, wait: ExecutionWait): void {
  if (wait.wait.kind !== 'approval') return;
  if (wait.status !== 'WAITING') return page(409, 'Already answered', '<h1>Already answered</h1><p data-testid="approval-closed">This approval was already answered, or it is over.</p>', res);
  const { message, form } = wait.wait;
  const body = `<h1>Approval</h1>${message ? `<p data-testid="approval-message">${escape(message)}</p>` : ''}
<form method="post" data-testid="approval-form">${form.map(input).join('')}
<label for="f-answeredBy">Your name *</label><input id="f-answeredBy" data-testid="approval-name" type="text" name="answeredBy" required maxlength="${NAME_MAX}">
<div class="actions"><button type="submit" name="decision" value="approve" data-testid="approve">Approve</button><button type="submit" name="decision" value="reject" data-testid="reject">Reject</button></div></form>`;
  page(200, 'Approval', body, res);
}

/** The page after an answer was recorded. */
export function approvalRecorded(res: ServerResponse, answer: ApprovalAnswer): void {
  const verb = answer.decision === 'approve' ? 'approved' : 'rejected';
  page(200, 'Answer recorded', `<h1>Thank you</h1><p data-testid="approval-recorded">You ${verb} this, as ${escape(answer.answeredBy)}.</p>`, res);
}

const invalid = (field: string, message: string) => new OmnitronError(ErrorCode.VALIDATION_FAILED, message, { field });

function one(posted: Record<string, unknown>, name: string): string | undefined {
  const value = posted[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(name, `${name} was sent more than once`);
  return value;
}

/** The answer a posted approval form holds, checked against the wait's form (VALIDATION_FAILED naming the field). */
export function answerOf(wait: ExecutionWait, body: unknown, now = new Date()): ApprovalAnswer {
  if (wait.wait.kind !== 'approval') throw invalid('mode', 'Not an approval');
  const posted = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const decision = one(posted, 'decision');
  if (decision !== 'approve' && decision !== 'reject') throw invalid('decision', 'decision must be approve or reject');
  const answeredBy = one(posted, 'answeredBy')?.trim() ?? '';
  if (answeredBy === '' || answeredBy.length > NAME_MAX) throw invalid('answeredBy', `Your name is required (at most ${NAME_MAX} characters)`);
  const fields: Record<string, string | number | boolean | null> = {};
  for (const field of wait.wait.form) {
    const raw = one(posted, field.name);
    if (field.type === 'boolean') {
      fields[field.name] = raw !== undefined && raw !== '' && raw !== 'false';
      continue;
    }
    if (raw === undefined || raw.trim() === '') {
      if (field.required) throw invalid(field.name, `${field.label} is required`);
      fields[field.name] = null;
      continue;
    }
    if (raw.length > TEXT_MAX) throw invalid(field.name, `${field.label} is longer than ${TEXT_MAX} characters`);
    const value = field.type === 'number' ? Number(raw) : raw;
    if (typeof value === 'number' && !Number.isFinite(value)) throw invalid(field.name, `${field.label} must be a number`);
    fields[field.name] = value;
  }
  return { decision, fields, answeredBy, answeredAt: now.toISOString() };
}
