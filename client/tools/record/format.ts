/**
 * The subset of Go's fmt.Sprintf that event messages use: %v %s %d %q %%. Anything else is left
 * as written, and surplus arguments are appended as Go does (`%!(EXTRA ...)`), so a wrong format
 * string is visible in the event rather than thrown.
 */
export function sprintf(format: string, ...args: unknown[]): string {
  let i = 0;
  const out = format.replace(/%([vsdq%])/g, (m, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const a = args[i++];
    switch (verb) {
      case 'q':
        return JSON.stringify(String(a));
      case 'd':
        return typeof a === 'number' || typeof a === 'bigint' ? String(Math.trunc(Number(a))) : `%!d(${String(a)})`;
      default:
        return typeof a === 'object' && a !== null && !(a instanceof Error) ? JSON.stringify(a) : String(a);
    }
  });
  return i < args.length ? `${out}%!(EXTRA ${args.slice(i).map(String).join(', ')})` : out;
}
