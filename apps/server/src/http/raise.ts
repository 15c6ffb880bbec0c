/** `throw` as an expression: `store.get(id) ?? raise(notFound(...))`. */
export function raise(error: Error): never {
  throw error;
}
