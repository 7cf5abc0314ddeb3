import { z } from 'zod';

const Text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'reading and option ids are kebab-case ASCII');

/**
 * One point where a text can be read more than one way, declared once: the
 * question, the words it is about, each way of reading them, and which one the
 * calculator takes unless told otherwise (and why). Rule files refer to it with
 * a switch node, `{ by_reading: <id>, <option>: <value>, … }`, wherever a status,
 * rate, threshold, share, rule or note depends on the reading.
 */
export const ReadingSchema = z
  .object({
    id: Id,
    /** The documents whose words are in question (policy ids). */
    documents: z.array(z.string()).min(1),
    question: Text,
    /** The words in question, verbatim from the documents' source texts. */
    quote: z.union([z.string().min(2), z.array(z.string().min(2)).min(1)]),
    options: z
      .array(
        z
          .object({
            id: Id,
            label: Text,
            /** What this reading means for the figures, and who reads the text this way. */
            note: z.string().min(1),
            /** Where this reading comes from, when it is not the text itself (an implementing notice, a final version). */
            source: z.string().optional(),
          })
          .strict(),
      )
      .min(2),
    default: Id,
    /** Why the calculator takes the default. */
    why: z.string().min(1),
  })
  .strict()
  .refine((r) => r.options.some((o) => o.id === r.default), { message: 'the default must be one of the options', path: ['default'] })
  .refine((r) => new Set(r.options.map((o) => o.id)).size === r.options.length, { message: 'option ids must differ', path: ['options'] });

export type Reading = z.infer<typeof ReadingSchema>;

export const ReadingFileSchema = z.object({ readings: z.array(ReadingSchema) }).strict();

/** A profile: an office's or a consultant's choice of readings, kept in a file. */
export const ProfileSchema = z
  .object({
    title: Text,
    note: z.string().optional(),
    readings: z.record(z.string(), z.string()),
  })
  .strict();

export type Profile = z.infer<typeof ProfileSchema>;
