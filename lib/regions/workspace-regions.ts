import type { Sql } from "@/lib/db/types";
import { ExpectedError, toExpectedError } from "@/lib/errors";
import { checkAdjustment, ruleSetAdjustmentSchema, type AdjustmentProblem } from "./adjustments";
import { effectiveRuleSets, type RuleSetOverrides } from "./effective";
import { regionCodeSchema, type RegionCode, type RuleSet } from "./rule-set";

/** A workspace's regions: the rule sets it uses (presets with its adjustments), its default region. */
export interface WorkspaceRegions {
  ruleSets: RuleSet[];
  defaultRegion: RegionCode;
  /** The stored adjustments by region: what differs from the presets. */
  overrides: RuleSetOverrides;
}

// A stored adjustment that no longer parses (an older release's field) is dropped for that region.
function overridesFrom(rows: readonly { region_code: string; rules: unknown }[]): RuleSetOverrides {
  const overrides: RuleSetOverrides = {};
  for (const row of rows) {
    const code = regionCodeSchema.safeParse(row.region_code);
    const rules = ruleSetAdjustmentSchema.safeParse(row.rules);
    if (code.success && rules.success) overrides[code.data] = rules.data;
  }
  return overrides;
}

const regionOrDefault = (value: unknown): RegionCode => {
  const parsed = regionCodeSchema.safeParse(value);
  return parsed.success ? parsed.data : "DEFAULT";
};

/** Every member reads them (RLS); an outsider gets the presets and "DEFAULT", as for an empty workspace. */
export async function readWorkspaceRegions(sql: Sql, workspaceId: string): Promise<WorkspaceRegions> {
  const rows = await sql.query<{ region_code: string; rules: unknown }>(
    "select region_code, rules from public.region_rule_sets where workspace_id = $1",
    [workspaceId],
  );
  const [workspace] = await sql.query<{ default_region: string }>("select default_region from public.workspaces where id = $1", [workspaceId]);
  const overrides = overridesFrom(rows);
  return { ruleSets: effectiveRuleSets(overrides), defaultRegion: regionOrDefault(workspace?.default_region), overrides };
}

/** Raised with the problems in `details`, so a form can mark each field. */
export class AdjustmentRefused extends ExpectedError {
  constructor(readonly problems: AdjustmentProblem[]) {
    super(problems.find((problem) => problem.code !== "invalid_input")?.code ?? "invalid_input", "adjustment refused", problems);
    this.name = "AdjustmentRefused";
  }
}

/**
 * Replaces a region's adjustment (fields left out follow the preset) and returns the resulting
 * rule set. Refused with AdjustmentRefused below the law's floor, when the default language is
 * not offered, or when a country already belongs to another region; `forbidden` unless the
 * caller is an owner or admin (RLS). Stores only what differs from the preset: an adjustment
 * equal to the preset removes the row, as a reset does.
 */
export async function saveRuleSetAdjustment(sql: Sql, workspaceId: string, region: RegionCode, adjustment: unknown): Promise<RuleSet> {
  const { ruleSets } = await readWorkspaceRegions(sql, workspaceId);
  const checked = checkAdjustment(region, adjustment, ruleSets);
  if (!checked.ok) throw new AdjustmentRefused(checked.problems);
  if (Object.keys(checked.stored).length === 0) {
    await resetRuleSet(sql, workspaceId, region);
    return checked.ruleSet;
  }
  try {
    await sql.query(
      `insert into public.region_rule_sets (workspace_id, region_code, rules, updated_by)
       values ($1, $2, $3::jsonb, (select auth.uid()))
       on conflict (workspace_id, region_code) do update set rules = excluded.rules, updated_by = excluded.updated_by`,
      [workspaceId, region, JSON.stringify(checked.stored)],
    );
  } catch (error) {
    throw toExpectedError(error) ?? error;
  }
  return checked.ruleSet;
}

/** Back to the preset. `forbidden` unless owner or admin. */
export async function resetRuleSet(sql: Sql, workspaceId: string, region: RegionCode): Promise<void> {
  await assertCanAdjust(sql, workspaceId);
  await sql.query("delete from public.region_rule_sets where workspace_id = $1 and region_code = $2", [workspaceId, region]);
}

/** The region a visitor gets when nothing else tells (last step of resolveRegion). Owners and admins. */
export async function setDefaultRegion(sql: Sql, workspaceId: string, region: RegionCode): Promise<void> {
  const code = regionCodeSchema.parse(region);
  const updated = await sql.query("update public.workspaces set default_region = $2 where id = $1 returning id", [workspaceId, code]);
  if (updated.length === 0) throw new ExpectedError("forbidden");
}

// RLS makes a refused DELETE affect zero rows, indistinguishable from "nothing to reset": ask first.
async function assertCanAdjust(sql: Sql, workspaceId: string): Promise<void> {
  const [row] = await sql.query<{ ok: boolean }>(
    "select exists (select 1 from public.memberships where workspace_id = $1 and user_id = (select auth.uid()) and role in ('owner', 'admin')) as ok",
    [workspaceId],
  );
  if (!row?.ok) throw new ExpectedError("forbidden");
}

/** What a live experience's visitors are resolved against (hosted pages, the embed), as anon. */
export interface LiveRegionRules {
  ruleSets: RuleSet[];
  defaultRegion: RegionCode;
}

/**
 * The rule sets and default region of a LIVE experience's workspace, through
 * public.live_region_rules. An unknown or unpublished experience gets the presets and "DEFAULT"
 * (its page is not shown anyway).
 */
export async function readLiveRegionRules(sql: Sql, publicId: string): Promise<LiveRegionRules> {
  const [row] = await sql.query<{ rules: { overrides?: unknown; defaultRegion?: unknown } | null }>("select public.live_region_rules($1) as rules", [publicId]);
  const live = row?.rules ?? null;
  const overrides =
    live && typeof live.overrides === "object" && live.overrides !== null
      ? overridesFrom(Object.entries(live.overrides).map(([region_code, rules]) => ({ region_code, rules })))
      : {};
  return { ruleSets: effectiveRuleSets(overrides), defaultRegion: regionOrDefault(live?.defaultRegion) };
}
