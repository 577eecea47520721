/**
 * Which fields of a record hold the prompt, the response and the judgements, and how to read them.
 * A field is a dotted path (`instances.0.output`). Chat records (`messages`, or ShareGPT
 * `conversations`) take the last assistant turn as the response and the user turn before it as the
 * prompt. Unset fields are detected from the first record, by the names common pipelines write.
 */
import { InfoloopError } from '../core/errors.js';

export interface FieldSpec {
  prompt?: string;
  response?: string;
  messages?: string;
  label?: string;
  score?: string;
  source?: string;
  reference?: string;
}

export interface RowFields {
  prompt: string | null;
  response: string | null;
  /** 1 kept/pass, 0 rejected/fail, null absent or not a recognised value. */
  label: number | null;
  labelPresent: boolean;
  score: number | null;
  source: string | null;
  reference: string | null;
}

const PROMPT_NAMES = ['prompt', 'instruction', 'question', 'input', 'query', 'problem'];
const RESPONSE_NAMES = ['response', 'output', 'answer', 'completion', 'chosen', 'solution', 'text'];
const MESSAGE_NAMES = ['messages', 'conversations', 'conversation'];

const splitPaths = new Map<string, string[]>();

/** The value at a dotted path, or undefined. */
export function getPath(record: unknown, path: string): unknown {
  let keys = splitPaths.get(path);
  if (!keys) splitPaths.set(path, (keys = path.split('.'))); // split once per path, not once per row
  let value: unknown = record;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Fill in the unset text fields from the first record; E_INPUT when no response can be found. */
export function resolveFields(spec: FieldSpec, first: Record<string, unknown> | undefined): FieldSpec {
  const resolved = { ...spec };
  if (first && !resolved.response && !resolved.messages) {
    resolved.messages = MESSAGE_NAMES.find((name) => Array.isArray(first[name]));
    if (!resolved.messages) resolved.response = RESPONSE_NAMES.find((name) => typeof first[name] === 'string');
  }
  if (first && !resolved.prompt && !resolved.messages) resolved.prompt = PROMPT_NAMES.find((name) => name !== resolved.response && typeof first[name] === 'string');
  if (!resolved.response && !resolved.messages) {
    const keys = first ? Object.keys(first).slice(0, 12).join(', ') : 'none (no valid record)';
    throw new InfoloopError('E_INPUT', `no response field found; the first record's keys are: ${keys}`, 'name it with --response-field <path> (dotted, e.g. instances.0.output) or --messages-field <path> for chat records');
  }
  return resolved;
}

/** Text of a chat message's content: a string, or the text parts of a content array. */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const parts = content.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '')).filter((t) => t !== '');
    return parts.length > 0 ? parts.join('\n') : null;
  }
  return null;
}

const roleOf = (message: Record<string, unknown>): string => String(message.role ?? message.from ?? '').toLowerCase();
const textOf = (message: Record<string, unknown>): string | null => contentText(message.content ?? message.value);
const isAssistant = (role: string): boolean => role === 'assistant' || role === 'gpt' || role === 'model' || role === 'bot';

/** The last assistant turn and the user turn before it. */
export function chatTurns(messages: unknown): { prompt: string | null; response: string | null } {
  if (!Array.isArray(messages)) return { prompt: null, response: null };
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === null || typeof message !== 'object' || !isAssistant(roleOf(message))) continue;
    for (let j = i - 1; j >= 0; j--) {
      const before = messages[j];
      if (before && typeof before === 'object' && !isAssistant(roleOf(before)) && roleOf(before) !== 'system') return { prompt: textOf(before), response: textOf(message) };
    }
    return { prompt: null, response: textOf(message) };
  }
  return { prompt: null, response: null };
}

const KEPT = new Set(['1', 'true', 'yes', 'y', 'pass', 'passed', 'kept', 'keep', 'accept', 'accepted', 'chosen', 'correct', 'good', 'positive']);
const REJECTED = new Set(['0', 'false', 'no', 'n', 'fail', 'failed', 'rejected', 'reject', 'drop', 'dropped', 'incorrect', 'wrong', 'bad', 'negative']);

/** A binary label: 1 kept/pass, 0 rejected/fail, null when the value is not one of the known spellings. */
export function parseLabel(value: unknown): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value) === 1 ? 1 : Number(value) === 0 ? 0 : null;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    return KEPT.has(text) ? 1 : REJECTED.has(text) ? 0 : null;
  }
  return null;
}

function parseScore(value: unknown): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'number' || typeof value === 'bigint' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : null;
}

const textValue = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : null;

/** The fields of one record under a resolved spec. */
export function extractFields(record: Record<string, unknown>, spec: FieldSpec): RowFields {
  let prompt: string | null = null;
  let response: string | null = null;
  if (spec.messages) ({ prompt, response } = chatTurns(getPath(record, spec.messages)));
  if (spec.response) response = textValue(getPath(record, spec.response));
  if (spec.prompt) prompt = textValue(getPath(record, spec.prompt));
  const labelValue = spec.label ? getPath(record, spec.label) : undefined;
  return {
    prompt,
    response,
    label: labelValue === undefined ? null : parseLabel(labelValue),
    labelPresent: labelValue !== undefined && labelValue !== null,
    score: spec.score ? parseScore(getPath(record, spec.score)) : null,
    source: spec.source ? (textValue(getPath(record, spec.source)) ?? '(missing)') : null,
    reference: spec.reference ? textValue(getPath(record, spec.reference)) : null,
  };
}
