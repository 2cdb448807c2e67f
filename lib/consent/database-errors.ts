import { ExpectedError, toExpectedError } from "@/lib/errors";

/** Runs database work, turning `consentry.<code>` exceptions into ExpectedErrors (DETAIL kept). */
export async function translatingErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toExpectedError(error) ?? error;
  }
}

/** zod failure → invalid_input, with the issues as details (paths and messages, never values). */
export function invalidInput(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ExpectedError {
  return new ExpectedError(
    "invalid_input",
    "invalid_input",
    issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  );
}
