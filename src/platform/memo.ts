/**
 * Remembers a pure function's answer per string argument. For the hot path, whose inputs
 * repeat: a few hundred user agents, the query strings of the site's own links. Bounded: it
 * starts over when `max` answers are held, and long inputs are never kept, so unusual
 * traffic cannot grow it.
 */
export function memoize<T>(fn: (input: string) => T, { max = 5_000, maxLength = 512 } = {}): (input: string) => T {
  const answers = new Map<string, T>();
  return (input) => {
    const known = answers.get(input);
    if (known !== undefined || answers.has(input)) return known as T;
    const answer = fn(input);
    if (input.length > maxLength) return answer;
    if (answers.size >= max) answers.clear();
    answers.set(input, answer);
    return answer;
  };
}
