/** Exhaustiveness check for `switch` over a discriminated union: a new member that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
