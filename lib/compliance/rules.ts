import type { ComplianceRule, NamedTest } from "./types";

/**
 * Every rule row of ../shared/design/regulations.md (its tables, the MIIT SMS rule, Hong Kong's
 * two rules, "a region is a rule set", and "what a consent record carries" under GDPR art. 7(1)),
 * read against the code and its tests. A row is `demonstrated` only where a named test would fail
 * if the behaviour broke; read the tests before changing a status.
 */

const t = (file: string, title: string): NamedTest => ({ file, title });

const VALIDATE = "lib/experience/validate-publish.test.ts";
const REGION_CHECKS = "lib/experience/publish/region-checks.test.ts";
const PUBLISH_DB = "lib/publishing/publish.db.test.ts";
const REGIONS_DB = "lib/regions/workspace-regions.db.test.ts";
const ADJUSTMENTS = "lib/regions/adjustments.test.ts";
const LEDGER_DB = "lib/consent/ledger.db.test.ts";
const CENTRE_DB = "lib/preference-centre/preference-centre.db.test.ts";
const CHOICES = "components/renderer/choices.test.ts";
const RENDERER = "components/renderer/experience-renderer.test.tsx";
const TEMPLATES = "lib/experience/templates/templates.test.ts";
const COMPLETENESS_DB = "lib/notices/completeness.db.test.ts";
const HOSTED_E2E = "e2e/hosted.spec.ts";
const EMBED_E2E = "e2e/embed.spec.ts";
const STORAGE_E2E = "e2e/device-storage.spec.ts";

const CHILDREN_GAP = "The age gate and the guardian-consent flow are built by a later issue (children's consent); the rule sets already carry the age (ageOfConsent) and its floor.";

export const COMPLIANCE_RULES: ComplianceRule[] = [
  // China — PIPL, GB/T 42574-2023, MIIT
  {
    id: "pipl-14-explicit",
    law: "PIPL",
    source: "art. 14; GB/T 42574-2023",
    behaviour: "Consent is an explicit act: nothing optional is pre-ticked in CN variants, and no workspace can loosen that.",
    implementedIn: ["lib/experience/publish/consent-checks.ts", "lib/regions/floors.ts", "supabase/migrations/20261124090000_region_rules.sql"],
    tests: [
      t(REGION_CHECKS, "a purpose ticked for everyone is refused in every opt-in region, allowed under California's opt-out model"),
      t(PUBLISH_DB, "checks every region's variant under the workspace's rule sets, naming the regions"),
      t(REGIONS_DB, "refuses an adjustment below the law's floor, in the app and in the database"),
    ],
    status: "demonstrated",
  },
  {
    id: "pipl-14-reconsent",
    law: "PIPL",
    source: "art. 14",
    behaviour: "A notice version marked as a material change makes earlier consents for the affected purposes stale, and the subject is asked again.",
    implementedIn: ["lib/public/stored-choice.ts", "lib/publishing/publish.ts"],
    tests: [t(EMBED_E2E, "a material change makes the stored choice stale: the banner asks again")],
    status: "partial",
    gap: "Only the publisher's checkbox starts re-consent and staleness lives in the visitor's cookie: the notice version's own flag does nothing and the decision API keeps answering allow (issue 17, item 2).",
  },
  {
    id: "pipl-15-withdrawal",
    law: "PIPL",
    source: "art. 15",
    behaviour: "Every experience and the preference page offer withdrawal in as few steps as giving consent.",
    implementedIn: ["lib/preference-centre/centre.ts", "components/hosted/hosted-experience.tsx"],
    tests: [
      t(CENTRE_DB, "withdraw all withdraws every consent given in one step, with a receipt"),
      t("e2e/first-hour-visitor.spec.ts", "the preference centre of a popup draws it inline: withdrawing is reachable by keyboard"),
    ],
    status: "partial",
    gap: "Publishing a banner or popup does not yet require a way back to the choices (a built-in privacy-choices control in the embed, or a declared link on the site) (issue 17, item 3).",
  },
  {
    id: "pipl-16-refusal",
    law: "PIPL",
    source: "art. 16",
    behaviour: "Reject is never hidden or disabled; only purposes the catalog marks necessary may be locked on.",
    implementedIn: ["lib/experience/publish/consent-checks.ts", "components/renderer/choices.ts"],
    tests: [
      t(VALIDATE, "reject_missing: accept all without reject all on the same screen (banners and popups)"),
      t(VALIDATE, "required_not_necessary: a locked control for a purpose that is not necessary"),
      t(CHOICES, "reject all keeps only required purposes on and turns every channel and topic off"),
    ],
    status: "demonstrated",
  },
  {
    id: "pipl-17-notice",
    law: "PIPL",
    source: "art. 17",
    behaviour: "A CN notice cannot be approved while the handler and contact, purposes, methods, data categories, retention or rights are missing.",
    implementedIn: ["supabase/migrations/20261207110000_controller_per_language.sql", "lib/notices/notices.ts"],
    tests: [
      t(COMPLETENESS_DB, "CN asks for everything, EU for controller, contact and rights, no jurisdiction for text and purposes only"),
      t(COMPLETENESS_DB, "approval is refused with the list in DETAIL, and succeeds once complete"),
    ],
    status: "demonstrated",
  },
  {
    id: "pipl-23-25-39-separate",
    law: "PIPL",
    source: "art. 23, 25, 39",
    behaviour: "Giving data to another handler, disclosing it publicly or sending it abroad gets its own control and its own record, never bundled into accept all.",
    implementedIn: ["lib/experience/publish/consent-checks.ts", "components/renderer/choices.ts", "lib/public/submission.ts", "lib/consent/decide.ts"],
    tests: [
      t(REGION_CHECKS, "separate consent: its own control, never locked on, never only through channels"),
      t(CHOICES, "accept all turns on every purpose, channel and topic offered, except separate consent"),
      t(TEMPLATES, "asks separately for sensitive data, transfer abroad and third-party sharing, each with its own description"),
      t(CHOICES, "accept all keeps a separate consent already given through its own control"),
      t("lib/public/submission.test.ts", "marks a separate-consent purpose given before accept all as given separately"),
    ],
    status: "demonstrated",
  },
  {
    id: "pipl-24-personalised",
    law: "PIPL",
    source: "art. 24",
    behaviour: "Personalised marketing is its own purpose, and wherever it is offered a toggle refuses it alone, so the non-personalised service remains.",
    implementedIn: ["lib/experience/publish/consent-checks.ts", "lib/catalog/catalog.ts", "supabase/migrations/20261123200000_notices.sql"],
    tests: [
      t(VALIDATE, "personalised_marketing_not_refusable: personalised marketing offered without its own control to turn it off (PIPL art. 24)"),
      t(COMPLETENESS_DB, "a new workspace's standard purposes carry the legal fields that follow from their nature"),
    ],
    status: "demonstrated",
  },
  {
    id: "pipl-28-30-sensitive",
    law: "PIPL",
    source: "art. 28–30",
    behaviour: "Sensitive purposes need a statement of necessity and impact in the notice and a control of their own.",
    implementedIn: ["supabase/migrations/20261207110000_controller_per_language.sql", "lib/experience/publish/consent-checks.ts"],
    tests: [
      t(COMPLETENESS_DB, "a separate statement"),
      t(REGION_CHECKS, "separate consent: its own control, never locked on, never only through channels"),
    ],
    status: "demonstrated",
  },
  {
    id: "pipl-31-children",
    law: "PIPL",
    source: "art. 31",
    behaviour: "Under 14: an age gate and a parent's or guardian's consent, available to CN variants.",
    implementedIn: ["lib/regions/floors.ts"],
    tests: [],
    status: "owned_by_later_issue",
    gap: CHILDREN_GAP,
  },
  {
    id: "pipl-44-47-rights",
    law: "PIPL",
    source: "art. 44–47",
    behaviour: "The preference page links to a request form (know, access, copy, correct, delete); requests are recorded and handled with an audit trail.",
    implementedIn: ["lib/preference-centre/requests.ts", "supabase/migrations/20261124110000_preference_centre.sql"],
    tests: [
      t(CENTRE_DB, "a data request is recorded, seen by owners, admins and legal, and handled with an audit trail"),
      t("e2e/preference-centre.spec.ts", "a person consents, returns with a code, changes a channel, withdraws all and reads the receipt"),
    ],
    status: "demonstrated",
  },
  {
    id: "pipl-55-56-assessments",
    law: "PIPL",
    source: "art. 55–56",
    behaviour: "Impact assessments are recorded for sensitive, cross-border, shared or automated-decision purposes; they and the ledger are kept at least 3 years.",
    implementedIn: ["supabase/migrations/20261123220000_consent_ledger.sql", "supabase/migrations/20261123180100_audit_log.sql"],
    tests: [
      t(LEDGER_DB, "UPDATE, DELETE and TRUNCATE of consent_events are refused for every role, the owner included"),
      t("lib/audit/audit-chain.db.test.ts", "UPDATE, DELETE and TRUNCATE on audit_log are refused for anon, authenticated, service_role and the database owner"),
    ],
    status: "partial",
    gap: "The ledger and the audit log cannot be deleted at all; impact-assessment records, their approval before a CN publish, and retention defaults with a 3-year floor are not built (issue 17, item 7).",
  },
  {
    id: "miit-sms-keyword",
    law: "MIIT",
    source: "《通信短信息服务管理规定》 (回复TD退订); PIPL art. 15",
    behaviour: "Replying TD, 退订, STOP (or the workspace's own keyword) withdraws SMS for every purpose that could still use it, recorded as an SMS-keyword event.",
    implementedIn: ["supabase/migrations/20261208040100_sms_opt_out_every_purpose.sql", "lib/consent/sms.ts", "app/api/v1/sms/inbound/schema.ts"],
    tests: [
      t(LEDGER_DB, "SMS opt-out keywords withdraw consent by SMS only"),
      t(LEDGER_DB, "an SMS opt-out keyword stops SMS for every purpose that could still use it, not only marketing"),
      t("lib/consent/outbox.db.test.ts", "double opt-in confirmation and SMS keyword withdrawal write one row each"),
    ],
    status: "demonstrated",
  },

  // EU — GDPR, ePrivacy, EDPB
  {
    id: "gdpr-4-11-affirmative",
    law: "GDPR",
    source: "art. 4(11), recital 32",
    behaviour: "Opt-in defaults off and one control per purpose: silence, pre-ticked boxes and inactivity are not consent.",
    implementedIn: ["lib/experience/publish/consent-checks.ts", "components/renderer/choices.ts", "lib/regions/floors.ts"],
    tests: [
      t(VALIDATE, "purpose_default_on: an optional purpose pre-ticked"),
      t(VALIDATE, "duplicate_purpose: two controls for one purpose"),
      t(CHOICES, "turns required purposes on, respects defaultOn, and leaves everything else off"),
      t(REGION_CHECKS, "a purpose ticked for everyone is refused in every opt-in region, allowed under California's opt-out model"),
    ],
    status: "demonstrated",
  },
  {
    id: "gdpr-7-1-record",
    law: "GDPR",
    source: "art. 7(1); ISO/IEC TS 27560:2023; Kantara Consent Receipt v1.1",
    behaviour: "Every event records who, when, which notice version in which language, the UI shown, the region rule and how it was resolved, how, where, and how to withdraw; a receipt from every channel.",
    implementedIn: ["supabase/migrations/20261207120000_ledger_correctness.sql", "lib/consent/record.ts", "lib/preference-centre/receipts.ts"],
    tests: [
      t(LEDGER_DB, "a recording writes the events, the state and the preferences with every proof field"),
      t("lib/records/records.db.test.ts", "the timeline shows each event with the notice text in its language, the version shown and the chain's verdict"),
    ],
    status: "partial",
    gap: "withdraw_url is null on embed, hosted-page and preference-centre events; the rule-set version applied is not recorded (only the region code); only the preference centre gives receipts (issue 17, item 6).",
  },
  {
    id: "gdpr-7-2-intelligible",
    law: "GDPR",
    source: "art. 7(2)",
    behaviour: "Notices are shown exactly as approved and never cut short: a long notice scrolls in a focusable region.",
    implementedIn: ["components/renderer/notice-block.tsx", "components/renderer/styles.ts", "lib/public/live-notices.ts"],
    tests: [
      t(RENDERER, "shows an approved notice whole, however long: every word in the page, in a focusable region that scrolls, never clipped"),
      t("lib/notices/immutability.db.test.ts", "the service role reads it, and even granted every privilege cannot change, delete or truncate it"),
    ],
    status: "demonstrated",
  },
  {
    id: "gdpr-7-3-withdrawal",
    law: "GDPR",
    source: "art. 7(3)",
    behaviour: "Withdrawing is as easy as giving (same as PIPL art. 15).",
    implementedIn: ["lib/preference-centre/centre.ts", "components/hosted/hosted-experience.tsx"],
    tests: [t(CENTRE_DB, "withdraw all withdraws every consent given in one step, with a receipt")],
    status: "partial",
    gap: "As pipl-15-withdrawal: publishing a banner or popup does not yet require a way back to the choices (issue 17, item 3).",
  },
  {
    id: "gdpr-8-children",
    law: "GDPR",
    source: "art. 8",
    behaviour: "Children: 16 by default (member states down to 13), an age gate configurable per region.",
    implementedIn: ["lib/regions/floors.ts"],
    tests: [],
    status: "owned_by_later_issue",
    gap: CHILDREN_GAP,
  },
  {
    id: "gdpr-9-2-a-special",
    law: "GDPR",
    source: "art. 9(2)(a)",
    behaviour: "Explicit consent for special categories, by the same mechanism as PIPL separate consent.",
    implementedIn: ["lib/experience/publish/consent-checks.ts", "lib/consent/decide.ts"],
    tests: [
      t(REGION_CHECKS, "separate consent: its own control, never locked on, never only through channels"),
      t("lib/consent/decide.test.ts", "covers every reason code"),
    ],
    status: "demonstrated",
  },
  {
    id: "gdpr-21-3-objection",
    law: "GDPR",
    source: "art. 21(3)",
    behaviour: "A marketing withdrawal takes effect on every channel at once, and leaves for every destination whatever its filters.",
    implementedIn: ["lib/consent/decide.ts", "supabase/migrations/20261207130000_sync_destinations.sql"],
    tests: [
      t(LEDGER_DB, "Hong Kong direct marketing: no use before consent, and an opt-out is honoured by the very next decision"),
      t("lib/sync/destinations/destinations.db.test.ts", "a commit fans out to matching destinations; a withdrawal passes channel and region filters"),
    ],
    status: "demonstrated",
  },
  {
    id: "eprivacy-5-3-device",
    law: "ePrivacy",
    source: "art. 5(3)",
    behaviour: "Before a choice nothing but the consent cookie is stored on the device (cookies, localStorage, sessionStorage, IndexedDB), and the embed tells the page which scripts may run.",
    implementedIn: ["lib/embed/consent.ts", "lib/embed/consent-mode.ts", "lib/public/stored-choice.ts", "components/hosted/hosted-experience.tsx"],
    tests: [
      t(STORAGE_E2E, "the embed stores nothing on the device before a choice, then only its consent cookie"),
      t(STORAGE_E2E, "the hosted page stores nothing on the device before a choice, then only its consent cookie"),
      t("lib/embed/embed.test.ts", "uses the page's gtag, or queues on dataLayer when the page uses Google tags or asks"),
    ],
    status: "demonstrated",
  },
  {
    id: "edpb-2023-first-layer",
    law: "EDPB",
    source: "Cookie banner taskforce report (2023)",
    behaviour: "Reject on the first layer, accept and reject with equal prominence, no pre-ticked boxes, in EU templates and every published EU variant.",
    implementedIn: ["lib/experience/publish/consent-checks.ts", "components/renderer/button-block.tsx"],
    tests: [
      t(VALIDATE, "unequal_prominence: reject styled weaker (or stronger) than accept"),
      t(RENDERER, "gives accept all and reject all of equal emphasis identical styling"),
      t(TEMPLATES, "puts accept, reject and manage on the first layer with equal emphasis"),
      t(REGION_CHECKS, "reject on the first layer with the same prominence: as each region's rule set says"),
    ],
    status: "demonstrated",
  },

  // United States — California
  {
    id: "ccpa-1798-120-135-sale",
    law: "CCPA",
    source: "Civ. Code 1798.120, 1798.135",
    behaviour: "Opt-out model in US-CA variants; a \"Do Not Sell or Share My Personal Information\" link, required where the workspace's purposes sell or share.",
    implementedIn: ["lib/regions/presets.ts", "lib/experience/blocks/content.ts", "lib/regions/gpc.ts"],
    tests: [t(REGION_CHECKS, "a purpose ticked for everyone is refused in every opt-in region, allowed under California's opt-out model")],
    status: "partial",
    gap: "The link block exists, but publishing a US-CA variant does not require it where purposes sell or share (issue 17, item 4).",
  },
  {
    id: "ccpa-1798-121-sensitive",
    law: "CCPA",
    source: "Civ. Code 1798.121",
    behaviour: "A \"Limit the Use of My Sensitive Personal Information\" link, required in US-CA variants where purposes use sensitive information.",
    implementedIn: ["lib/experience/blocks/content.ts"],
    tests: [],
    status: "partial",
    gap: "The link type exists, but nothing requires it at publish and no test names it (issue 17, item 4).",
  },
  {
    id: "ccpa-1798-120c-children",
    law: "CCPA",
    source: "Civ. Code 1798.120(c)",
    behaviour: "Under 16: opt-in to sale; under 13: a parent.",
    implementedIn: ["lib/regions/floors.ts"],
    tests: [],
    status: "owned_by_later_issue",
    gap: CHILDREN_GAP,
  },
  {
    id: "ccpa-7025-gpc",
    law: "CCPA",
    source: "11 CCR 7025",
    behaviour: "Global Privacy Control (Sec-GPC: 1, navigator.globalPrivacyControl) opts out of sale and sharing; the embed and hosted pages record a gpc event and show it was honoured.",
    implementedIn: ["lib/regions/gpc.ts", "lib/embed/gpc.ts", "components/hosted/hosted-experience.tsx", "lib/public/submission.ts"],
    tests: [
      t("lib/regions/gpc.test.ts", "California: advertising, marketing and sharing with other companies, in catalog order"),
      t("lib/public/live.db.test.ts", "?region= wins; California with Sec-GPC: 1 opts out of advertising only"),
      t(HOSTED_E2E, "California with Global Privacy Control: the signal is honoured, shown and recorded once"),
      t(HOSTED_E2E, "GPC seen only by the browser (navigator.globalPrivacyControl) is honoured as well"),
      t(EMBED_E2E, "Global Privacy Control in California: recorded as an opt-out and shown to the visitor"),
    ],
    status: "demonstrated",
  },
  {
    id: "ccpa-7004-symmetry",
    law: "CCPA",
    source: "11 CCR 7004",
    behaviour: "Symmetry in choice for US-CA: reject on the first layer (a floor no workspace can lower), and accept and reject of equal prominence wherever they share a screen, a check no region setting turns off.",
    implementedIn: ["lib/regions/floors.ts", "supabase/migrations/20261208040000_region_floors_hong_kong_california.sql", "lib/experience/publish/consent-checks.ts"],
    tests: [
      t(ADJUSTMENTS, "the floors are data: China and the EU keep every consent rule, California keeps GPC and reject on the first layer, Hong Kong keeps opt-in without pre-ticks"),
      t(REGIONS_DB, "refuses an adjustment below the law's floor, in the app and in the database"),
      t(REGION_CHECKS, "reject on the first layer with the same prominence: as each region's rule set says"),
    ],
    status: "demonstrated",
  },

  // Hong Kong — PDPO
  {
    id: "pdpo-6a-direct-marketing",
    law: "PDPO",
    source: "Part 6A (s35C, s35G)",
    behaviour: "Direct marketing needs consent before use and nothing is pre-ticked in HK (a floor no workspace can lower); an opt-out is honoured at once.",
    implementedIn: ["lib/regions/floors.ts", "supabase/migrations/20261208040000_region_floors_hong_kong_california.sql", "lib/consent/decide.ts"],
    tests: [
      t(ADJUSTMENTS, "the floors are data: China and the EU keep every consent rule, California keeps GPC and reject on the first layer, Hong Kong keeps opt-in without pre-ticks"),
      t(REGIONS_DB, "refuses an adjustment below the law's floor, in the app and in the database"),
      t(PUBLISH_DB, "checks every region's variant under the workspace's rule sets, naming the regions"),
      t(LEDGER_DB, "Hong Kong direct marketing: no use before consent, and an opt-out is honoured by the very next decision"),
    ],
    status: "demonstrated",
  },
  {
    id: "pdpo-hosted-language",
    law: "PDPO",
    source: "regulations.md, Hong Kong",
    behaviour: "Hosted pages for HK default to Traditional Chinese (zh-HK, else zh-TW) with English beside it.",
    implementedIn: ["lib/regions/presets.ts", "lib/public/content-locale.ts", "lib/public/hosted-params.ts"],
    tests: [
      t(STORAGE_E2E, "a Hong Kong visitor's hosted page is in Traditional Chinese by default, with English beside it"),
      t("lib/public/content-locale.test.ts", "the region's other languages, in order"),
    ],
    status: "demonstrated",
  },

  // The product's own rule from regulations.md
  {
    id: "region-rule-set",
    law: "Consentry",
    source: "regulations.md, \"A region is a rule set\"",
    behaviour: "A region is data (consent model, defaults, first-layer reject, separate consent, GPC, age, languages, re-ask period), resolved by parameter, geo header, Accept-Language, then the workspace default, and the resolution is recorded on the event.",
    implementedIn: ["lib/regions/rule-set.ts", "lib/regions/presets.ts", "lib/regions/resolve.ts", "lib/public/live.ts"],
    tests: [
      t("lib/regions/resolve.test.ts", "encodes the rules regulations.md names"),
      t("lib/regions/resolve.test.ts", "headers are tried in the configured order"),
      t(REGIONS_DB, "an admin adjusts a rule set: members see it, the preset stays for other workspaces, the audit log has it"),
      t(HOSTED_E2E, "a mainland China visitor and an EU visitor each see their region's variant"),
      t("lib/public/stored-choice.test.ts", "asks again once the region's re-ask period is over"),
    ],
    status: "demonstrated",
  },
];
