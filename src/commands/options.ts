/** Options every command that reads data accepts. */
export interface InputOptions {
  data: string;
  templates: string;
  year?: string;
}
