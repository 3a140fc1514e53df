/** One mistake in the creator's content: the file, the field (or line) and advice on fixing it. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}
