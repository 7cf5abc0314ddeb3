/**
 * The five prompt functions the interview uses, narrowed to the options it
 * passes. `@inquirer/prompts` satisfies this; tests pass fakes or prompts
 * wired to @inquirer/testing, so the loop never needs a terminal.
 */
export interface Choice<V> {
  value: V;
  name?: string;
  description?: string;
}

type Validate<V> = (value: V) => boolean | string | Promise<string | boolean>;

export interface Prompts {
  search(config: { message: string; source: (term: string | undefined) => Choice<string>[] | Promise<Choice<string>[]>; pageSize?: number }): Promise<string>;
  select(config: { message: string; choices: Choice<string>[]; default?: string }): Promise<string>;
  input(config: { message: string; default?: string; validate?: Validate<string> }): Promise<string>;
  checkbox(config: { message: string; choices: (Choice<string> & { checked?: boolean })[]; pageSize?: number }): Promise<string[]>;
  confirm(config: { message: string; default?: boolean }): Promise<boolean>;
}
