// npm run compliance — prints every rule of ../shared/design/regulations.md with where it is
// built, the tests that show it and its status, ending with `COMPLIANCE demonstrated <n> of <total>`.
import { formatMatrix } from "../lib/compliance/matrix";

console.log(formatMatrix());
