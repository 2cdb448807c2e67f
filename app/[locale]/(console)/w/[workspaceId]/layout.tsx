import { workspaceForPage } from "@/lib/console/operator";

/** Every page under /w/[workspaceId] exists only for the workspace's members (RLS decides; 404 otherwise). */
export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string }> }) {
  await workspaceForPage((await params).workspaceId);
  return children;
}
