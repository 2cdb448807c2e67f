import { redirect } from "@/lib/i18n/navigation";
import { currentClaims } from "@/lib/auth/session";

export default async function Home({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  redirect({ href: (await currentClaims()) ? "/workspaces" : "/sign-in", locale });
}
