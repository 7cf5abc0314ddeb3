import type { Clause, Policy } from '../schema/policy-schema.js';

/**
 * A clause as a person finds it in the document: number, title, document
 * number (兰政办发〔2022〕3号 第3条“鼓励电商企业租用办公场地”). Source-language
 * text only, so it reads the same in every output language.
 */
export function clauseName(policy: Policy, c: Clause): string {
  const doc = policy.doc_number ?? policy.short_title ?? policy.title;
  const number = /^\d+$/.test(c.number) ? `第${c.number}条` : c.number;
  const where = [c.section, number, c.part].filter(Boolean).join(' ');
  return `${doc} ${where}“${c.title}”`;
}
