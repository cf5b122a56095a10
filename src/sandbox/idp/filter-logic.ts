// The boolean layer both IdPs' filter languages share: `or` of `and` chains of atoms, `and`
// binding tighter (SCIM filters, RFC 7644 § 3.4.2.2, which Okta follows; OData `$filter`).
export type Predicate = (record: Record<string, unknown>) => boolean;

/**
 * Parses `atom (and atom)* (or atom (and atom)*)*` with the parser's own atom reader; `nextKeyword`
 * peeks at the next token as a keyword and `skip` consumes it.
 */
export function parseOrAnd(atom: () => Predicate, nextKeyword: () => string | undefined, skip: () => void): Predicate {
  const chain = (keyword: string, operand: () => Predicate, join: (l: Predicate, r: Predicate) => Predicate) => {
    let left = operand();
    while (nextKeyword() === keyword) {
      skip();
      left = join(left, operand());
    }
    return left;
  };
  const and = () => chain('and', atom, (l, r) => (x) => l(x) && r(x));
  return chain('or', and, (l, r) => (x) => l(x) || r(x));
}
