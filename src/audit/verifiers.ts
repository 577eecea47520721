/**
 * Verifiers an audit can apply to a response against its reference: each says whether the
 * response is correct, or null when it cannot tell (no reference, no number to compare).
 */
import { unknownName, InfoloopError } from '../core/errors.js';
import { canonicalNumber, extractAnswer } from '../tasks/gsm8k.js';

export interface AuditVerifier {
  name: string;
  description: string;
  /** The answer a response gives (for the answer-entropy statistic), or null. */
  answer(response: string): string | null;
  verify(response: string, reference: string): boolean | null;
}

/** A GSM8K reference: the number after the last `\n#### `, else the reference read as a number. */
function gsm8kReference(reference: string): string | null {
  const parts = reference.split('\n#### ');
  if (parts.length > 1) return canonicalNumber(parts[parts.length - 1].trim());
  return canonicalNumber(reference.trim()) ?? extractAnswer(reference);
}

/** A verifier comparing the response's last number with the number `referenceOf` reads from the reference. */
const numberVerifier = (name: string, description: string, referenceOf: (reference: string) => string | null): AuditVerifier => ({
  name,
  description,
  answer: extractAnswer,
  verify: (response, reference) => {
    const expected = referenceOf(reference);
    return expected === null ? null : extractAnswer(response) === expected;
  },
});

const verifiers: AuditVerifier[] = [
  numberVerifier('gsm8k', "the response's last number equals the reference's `#### N` answer (GSM8K rules)", gsm8kReference),
  numberVerifier('number', "the response's last number equals the reference's last number", extractAnswer),
  {
    name: 'exact',
    description: 'the response equals the reference after trimming white space',
    answer: (response) => response.trim(),
    verify: (response, reference) => response.trim() === reference.trim(),
  },
];

export const VERIFIER_NAMES = ['gsm8k', 'exact', 'number', 'none'] as const;

/** The verifier named `name`, or null for `none`. */
export function auditVerifier(name: string): AuditVerifier | null {
  if (name === 'none') return null;
  const verifier = verifiers.find((v) => v.name === name);
  if (!verifier) throw unknownName('verifier', name, VERIFIER_NAMES);
  return verifier;
}

export function checkVerifierFields(verifier: AuditVerifier | null, referenceField: string | undefined): void {
  if (verifier && !referenceField) {
    throw new InfoloopError('E_INPUT', `--verifier ${verifier.name} needs --reference-field (the field holding each row's reference answer)`, 'e.g. --reference-field answer, or --verifier none');
  }
}
