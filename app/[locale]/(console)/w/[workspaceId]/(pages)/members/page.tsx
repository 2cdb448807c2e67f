import { getFormatter, getTranslations } from "next-intl/server";
import { changeRoleAction, removeMemberAction, revokeInvitationAction } from "@/lib/actions/console/tenancy";
import { InviteForm } from "@/components/console/invite-form";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { readAsOperator, requireOperator, workspaceForPage } from "@/lib/console/operator";
import { listInvitations } from "@/lib/tenancy/invitations";
import { listMembers } from "@/lib/tenancy/members";
import { CAN, WORKSPACE_ROLES } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "members" });
  return { title: t("title") };
}

export default async function MembersPage({ params }: Props) {
  const { locale, workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const manage = CAN.manageMembers(workspace.myRole);
  const [claims, members, invitations, t, roles, format] = await Promise.all([
    requireOperator(),
    readAsOperator((sql) => listMembers(sql, workspace.id)),
    manage ? readAsOperator((sql) => listInvitations(sql, workspace.id)) : Promise.resolve([]),
    getTranslations("members"),
    getTranslations("roles"),
    getFormatter(),
  ]);
  // Admins manage every role but owner; owners manage all.
  const grantable = WORKSPACE_ROLES.filter((role) => workspace.myRole === "owner" || role !== "owner");
  const roleOptions = grantable.map((role) => ({ value: role, label: roles(role) }));
  const scope = { workspaceId: workspace.id, locale };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <section aria-labelledby="members-heading" className="flex flex-col gap-3">
        <h2 id="members-heading" className="text-lg font-medium">
          {t("current", { count: members.length })}
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-4 py-2">{t("email")}</th>
                <th scope="col" className="px-4 py-2">{t("role")}</th>
                <th scope="col" className="px-4 py-2">{t("joined")}</th>
                {manage ? <th scope="col" className="px-4 py-2">{t("actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => {
                const editable = manage && (workspace.myRole === "owner" || member.role !== "owner");
                const isMe = member.userId === claims.sub;
                return (
                  <tr key={member.userId} className="border-t border-slate-200 align-top" data-testid="member-row">
                    <th scope="row" className="px-4 py-3 font-normal">
                      {member.email} {isMe ? <span className="text-slate-700">{t("you")}</span> : null}
                    </th>
                    <td className="px-4 py-3">
                      {editable ? (
                        <ActionForm action={changeRoleAction} hidden={{ ...scope, userId: member.userId }} className="flex flex-wrap items-end gap-2" success={t("roleChanged")}>
                          <SelectField name="role" label={t("roleFor", { email: member.email })} hideLabel defaultValue={member.role} options={roleOptions} />
                          <SubmitButton tone="secondary" pendingLabel={t("saving")}>
                            {t("changeRole")}
                          </SubmitButton>
                        </ActionForm>
                      ) : (
                        roles(member.role)
                      )}
                    </td>
                    <td className="px-4 py-3">{format.dateTime(member.joinedAt, { dateStyle: "medium" })}</td>
                    {manage ? (
                      <td className="px-4 py-3">
                        {editable || isMe ? (
                          <ActionForm action={removeMemberAction} hidden={{ ...scope, userId: member.userId }}>
                            <SubmitButton tone="danger" pendingLabel={t("saving")}>
                              {isMe ? t("leave") : t("remove", { email: member.email })}
                            </SubmitButton>
                          </ActionForm>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {manage ? (
        <>
          <section aria-labelledby="invite-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6">
            <h2 id="invite-heading" className="text-lg font-medium">
              {t("inviteTitle")}
            </h2>
            <p className="text-sm text-slate-700">{t("inviteIntro")}</p>
            <InviteForm workspaceId={workspace.id} locale={locale} roleOptions={roleOptions} />
          </section>
          <section aria-labelledby="invitations-heading" className="flex flex-col gap-3">
            <h2 id="invitations-heading" className="text-lg font-medium">
              {t("invitations")}
            </h2>
            {invitations.length === 0 ? (
              <p className="text-slate-700">{t("noInvitations")}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {invitations.map((invitation) => (
                  <li key={invitation.id} className="flex flex-wrap items-center gap-4 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm" data-testid="invitation-row">
                    <span>{invitation.email}</span>
                    <span>{roles(invitation.role)}</span>
                    <span>{t(`status.${invitation.status}`)}</span>
                    <span className="text-slate-700">{t("expires", { date: format.dateTime(invitation.expiresAt, { dateStyle: "medium" }) })}</span>
                    {invitation.status === "pending" ? (
                      <ActionForm action={revokeInvitationAction} hidden={{ ...scope, invitationId: invitation.id }} className="ms-auto">
                        <SubmitButton tone="danger" pendingLabel={t("saving")}>
                          {t("revoke", { email: invitation.email })}
                        </SubmitButton>
                      </ActionForm>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : (
        <p className="text-slate-700">{t("readOnly")}</p>
      )}
    </>
  );
}
