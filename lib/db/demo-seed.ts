import { createLocalAccount } from "@/lib/auth/local/accounts";
import { runAsCaller, runAsService } from "./caller";
import type { Database } from "./types";

/** Embedded profile only: a demo account and workspace on an empty database, so the console has something to show. */
export const DEMO_ACCOUNT = { email: "demo@consentry.local", password: "consentry-demo" } as const;

export async function seedDemoWorkspace(db: Database): Promise<void> {
  const [{ accounts }] = (await runAsService(db, "demo-seed", (sql) =>
    sql.query<{ accounts: number }>("select count(*)::int as accounts from local_auth.accounts"),
  )) as [{ accounts: number }];
  if (accounts > 0) return;
  const account = await createLocalAccount(db, DEMO_ACCOUNT);
  const claims = { sub: account.id, email: account.email, role: "authenticated" as const, aud: "authenticated" };
  await runAsCaller(db, { kind: "authenticated", claims }, async (sql) => {
    await sql.query("insert into public.profiles (id, email) values (auth.uid(), $1)", [account.email]);
    await sql.query("select public.create_workspace($1, $2, $3, 'en')", [
      "Demo Shop",
      "Demo Shop Trading Co., Ltd.",
      "privacy@demo-shop.example",
    ]);
  }, { requestId: "demo-seed" });
  console.info(
    `\n[consentry] Demo workspace created. Sign in with\n  email:    ${DEMO_ACCOUNT.email}\n  password: ${DEMO_ACCOUNT.password}\n`,
  );
}
