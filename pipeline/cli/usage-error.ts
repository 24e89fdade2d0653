/** A mistake in how a command was called: exit code 2, nothing done. */
export class UsageError extends Error {}
