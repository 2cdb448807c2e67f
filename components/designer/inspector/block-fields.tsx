"use client";

import { useLocale, useTranslations } from "next-intl";
import {
  assetSrcSchema,
  BUTTON_ACTIONS,
  CHANNELS,
  IDENTIFIER_KINDS,
  LINK_TYPES,
  linkHrefSchema,
  type Block,
  type BlockOfType,
  type Locale,
  type LocalizedText,
  type LocalizedTextField,
} from "@/lib/experience";
import { nameIn } from "@/lib/catalog/catalog";
import { useDesigner } from "../designer-context";
import { RichTextInput } from "./rich-text-input";
import { Choice, LocalizedTextInput, MultiChoice, TextInput, Toggle, UrlInput } from "./controls";
import { useTranslationMarks } from "./translation-marks";

export interface BlockFieldProps<T extends Block["type"]> {
  block: BlockOfType<T>;
  locales: readonly Locale[];
  update: (patch: Partial<BlockOfType<T>>) => void;
  setText: (field: LocalizedTextField, locale: Locale, value: string) => void;
}

/** The fields of the selected block, chosen by its type. Every text is edited in every offered language. */
export function BlockFields({ block, locales, update, setText }: BlockFieldProps<Block["type"]>) {
  const t = useTranslations("designer.f");
  const marks = useTranslationMarks(block.id);
  const localized = (field: LocalizedTextField, label: string, multiline = false) => (
    <LocalizedTextInput
      label={label}
      value={(block as unknown as Record<string, LocalizedText>)[field] ?? {}}
      locales={locales}
      multiline={multiline}
      onChange={(locale, value) => setText(field, locale, value)}
      marks={marks(field)}
    />
  );
  const props = { locales, update: update as never, setText };
  switch (block.type) {
    case "heading":
      return (
        <>
          {localized("text", t("text"))}
          <Choice label={t("level")} value={String(block.level) as "1" | "2" | "3"} options={["1", "2", "3"].map((v) => ({ value: v as "1", label: `H${v}` }))} onChange={(level) => update({ level: Number(level) as 1 })} />
        </>
      );
    case "rich_text":
      return <RichTextInput block={block} locales={locales} label={t("content")} />;
    case "notice":
      return <NoticeFields block={block} {...props} />;
    case "purpose_toggle":
      return <PurposeToggleFields block={block} {...props} />;
    case "preferences_layer":
      return localized("title", t("title"));
    case "channel_preferences":
      return <ChannelFields block={block} {...props} />;
    case "topic_subscriptions":
      return <TopicFields block={block} {...props} />;
    case "frequency_cap":
      return (
        <>
          {localized("label", t("label"))}
          <Choice label={t("period")} value={block.period} options={[{ value: "week", label: t("week") }, { value: "month", label: t("month") }]} onChange={(period) => update({ period })} />
          <TextInput
            label={t("choices")}
            defaultValue={undefined}
            value={block.choices.join(", ")}
            inputMode="numeric"
            onChange={(text) => {
              const choices = [...new Set(text.split(/[,，\s]+/).map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 100))].sort((a, b) => a - b).slice(0, 10);
              update({ choices });
            }}
          />
        </>
      );
    case "quiet_hours":
      return (
        <>
          {localized("label", t("label"))}
          <TextInput label={t("start")} type="time" value={block.defaultStart} onChange={(defaultStart) => defaultStart && update({ defaultStart })} />
          <TextInput label={t("end")} type="time" value={block.defaultEnd} onChange={(defaultEnd) => defaultEnd && update({ defaultEnd })} />
          <Choice
            label={t("timeZone")}
            value={block.timeZone}
            options={[{ value: "subject", label: t("subjectTimeZone") }, ...["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Europe/Berlin", "Europe/London", "America/Los_Angeles", "UTC"].map((zone) => ({ value: zone, label: zone }))]}
            onChange={(timeZone) => update({ timeZone })}
          />
        </>
      );
    case "identity_field":
      return (
        <>
          <Choice label={t("identifier")} value={block.identifier} options={IDENTIFIER_KINDS.map((kind) => ({ value: kind, label: t(`identifiers.${kind}`) }))} onChange={(identifier) => update({ identifier })} />
          {localized("label", t("label"))}
          <Toggle label={t("identityRequired")} checked={block.required} onChange={(required) => update({ required })} />
        </>
      );
    case "button":
      return (
        <>
          {localized("label", t("label"))}
          <Choice label={t("action")} value={block.action} options={BUTTON_ACTIONS.map((action) => ({ value: action, label: t(`actions.${action}`) }))} onChange={(action) => update({ action })} />
          <Choice label={t("emphasis")} value={block.emphasis} options={[{ value: "primary", label: t("primary") }, { value: "secondary", label: t("secondary") }]} onChange={(emphasis) => update({ emphasis })} />
        </>
      );
    case "link":
      return (
        <>
          {localized("label", t("label"))}
          <Choice label={t("linkType")} value={block.linkType} options={LINK_TYPES.map((type) => ({ value: type, label: t(`linkTypes.${type}`) }))} onChange={(linkType) => update({ linkType })} />
          <UrlInput label={t("href")} value={block.href} isValid={(href) => linkHrefSchema.safeParse(href).success} invalidMessage={t("hrefInvalid")} onChange={(href) => update({ href })} />
        </>
      );
    case "image":
      return (
        <>
          <Choice label={t("role")} value={block.role} options={[{ value: "logo", label: t("roles.logo") }, { value: "image", label: t("roles.image") }]} onChange={(role) => update({ role })} />
          <UrlInput label={t("src")} value={block.src} isValid={(src) => assetSrcSchema.safeParse(src).success} invalidMessage={t("srcInvalid")} onChange={(src) => update({ src })} />
          {localized("alt", t("alt"))}
          <TextInput label={t("width")} type="number" min={16} max={1200} value={block.width === null ? "" : String(block.width)} onChange={(w) => update({ width: w === "" ? null : Math.min(1200, Math.max(16, Number(w) || 16)) })} />
        </>
      );
    case "container":
      return (
        <>
          <Choice label={t("layout")} value={block.layout} options={[{ value: "stack", label: t("stack") }, { value: "columns", label: t("columns") }]} onChange={(layout) => update({ layout })} />
          {block.layout === "columns" ? (
            <Choice label={t("columnCount")} value={String(block.columns) as "2" | "3"} options={[{ value: "2", label: "2" }, { value: "3", label: "3" }]} onChange={(columns) => update({ columns: Number(columns) as 2 })} />
          ) : null}
        </>
      );
    case "divider":
    case "language_switcher":
      return null;
  }
}

function usePurposeOptions(empty: string) {
  const { catalog } = useDesigner();
  const locale = useLocale();
  return [{ value: "", label: empty }, ...catalog.purposes.map((purpose) => ({ value: purpose.id, label: nameIn(purpose.name, locale) }))];
}

function PurposeToggleFields({ block, locales, update, setText }: BlockFieldProps<"purpose_toggle">) {
  const t = useTranslations("designer.f");
  const marks = useTranslationMarks(block.id);
  const { catalog } = useDesigner();
  const options = usePurposeOptions(t("noPurpose"));
  const necessary = catalog.purposes.find((purpose) => purpose.id === block.purposeId)?.necessary ?? false;
  return (
    <>
      <Choice
        label={t("purpose")}
        value={block.purposeId ?? ""}
        options={options}
        onChange={(purposeId) => {
          const isNecessary = catalog.purposes.find((purpose) => purpose.id === purposeId)?.necessary ?? false;
          update({ purposeId: purposeId || null, required: isNecessary && block.required, defaultOn: isNecessary && block.defaultOn });
        }}
      />
      <Toggle label={t("required")} checked={block.required} disabled={!necessary} onChange={(required) => update({ required, defaultOn: required || block.defaultOn })} />
      <Toggle label={t("defaultOn")} checked={block.defaultOn} disabled={block.required} onChange={(defaultOn) => update({ defaultOn })} />
      <LocalizedTextInput label={t("label")} value={block.label} locales={locales} onChange={(locale, value) => setText("label", locale, value)} marks={marks("label")} />
      <LocalizedTextInput label={t("description")} value={block.description} locales={locales} multiline onChange={(locale, value) => setText("description", locale, value)} marks={marks("description")} />
    </>
  );
}

function ChannelFields({ block, locales, update, setText }: BlockFieldProps<"channel_preferences">) {
  const t = useTranslations("designer.f");
  const marks = useTranslationMarks(block.id);
  const channelNames = useTranslations("channels");
  const purposes = usePurposeOptions(t("scopeGlobal"));
  return (
    <>
      <LocalizedTextInput label={t("label")} value={block.label} locales={locales} onChange={(locale, value) => setText("label", locale, value)} marks={marks("label")} />
      <Choice
        label={t("scope")}
        value={block.scope.kind === "purpose" ? (block.scope.purposeId ?? "") : ""}
        options={purposes}
        onChange={(purposeId) => update({ scope: purposeId ? { kind: "purpose", purposeId } : { kind: "global" } })}
      />
      <MultiChoice
        legend={t("channels")}
        values={block.channels}
        options={CHANNELS.map((channel) => ({ value: channel, label: channelNames(channel) }))}
        onChange={(channels) => channels.length > 0 && update({ channels: CHANNELS.filter((c) => channels.includes(c)) })}
      />
    </>
  );
}

function TopicFields({ block, locales, update, setText }: BlockFieldProps<"topic_subscriptions">) {
  const t = useTranslations("designer.f");
  const marks = useTranslationMarks(block.id);
  const { catalog } = useDesigner();
  const locale = useLocale();
  return (
    <>
      <LocalizedTextInput label={t("label")} value={block.label} locales={locales} onChange={(l, value) => setText("label", l, value)} marks={marks("label")} />
      <MultiChoice legend={t("topics")} values={block.topicIds} options={catalog.topics.map((topic) => ({ value: topic.id, label: nameIn(topic.name, locale) }))} onChange={(topicIds) => update({ topicIds })} />
    </>
  );
}

function NoticeFields({ block, locales, update, setText }: BlockFieldProps<"notice">) {
  const t = useTranslations("designer.f");
  const marks = useTranslationMarks(block.id);
  const { notices } = useDesigner();
  return (
    <>
      <Choice
        label={t("notice")}
        value={block.noticeId ?? ""}
        options={[{ value: "", label: t("noNotice") }, ...notices.map((notice) => ({ value: notice.id, label: notice.name }))]}
        onChange={(noticeId) => update({ noticeId: noticeId || null })}
      />
      <p className="text-sm text-slate-700">{t("noticeNote")}</p>
      <LocalizedTextInput label={t("placeholder")} value={block.placeholder} locales={locales} multiline onChange={(locale, value) => setText("placeholder", locale, value)} marks={marks("placeholder")} />
    </>
  );
}
