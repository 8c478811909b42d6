/** A mistake in how deprecfix was called or configured: exit 2, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}
