import { channelKey } from "@/lib/renderer-model/choices";
import { useRenderer } from "./context";
import type { BlockOfType } from "./types";

/** A checkbox inside its label, so the whole row (at least 44px high) is the touch target. */
export function CheckRow({
  label,
  checked,
  onChange,
  value,
  data,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  value: string;
  /** data-csy-* attributes that tell the embed what the box stands for (lib/embed/choices-dom.ts). */
  data?: Record<`data-csy-${string}`, string>;
}) {
  return (
    <label className="csy-check">
      <input type="checkbox" value={value} checked={checked} {...data} onChange={(event) => onChange(event.currentTarget.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** The channels a subject allows, for every purpose or for one ("marketing by e-mail, not SMS"). */
export function ChannelPreferencesView({ block }: { block: BlockOfType<"channel_preferences"> }) {
  const { text, strings, catalog, choices, setChoices } = useRenderer();
  const key = channelKey(block);
  const allowed = choices.channels[key] ?? [];
  const purposeName =
    block.scope.kind === "purpose" && block.scope.purposeId !== null
      ? text(catalog?.purposes[block.scope.purposeId]?.name)
      : "";
  return (
    <fieldset className="csy-fieldset" data-channel-scope={key}>
      <legend className="csy-legend">{text(block.label) || purposeName || strings.channelsLegend}</legend>
      {block.channels.map((channel) => (
        <CheckRow
          key={channel}
          value={channel}
          data={{ "data-csy-channel": key }}
          label={strings.channels[channel]}
          checked={allowed.includes(channel)}
          onChange={(on) => {
            const next = on ? [...allowed.filter((c) => c !== channel), channel] : allowed.filter((c) => c !== channel);
            setChoices({ ...choices, channels: { ...choices.channels, [key]: next } });
          }}
        />
      ))}
    </fieldset>
  );
}

export function TopicSubscriptionsView({ block }: { block: BlockOfType<"topic_subscriptions"> }) {
  const { text, strings, catalog, choices, setChoices } = useRenderer();
  return (
    <fieldset className="csy-fieldset">
      <legend className="csy-legend">{text(block.label) || strings.topicsLegend}</legend>
      {block.topicIds.map((topicId) => (
        <CheckRow
          key={topicId}
          value={topicId}
          data={{ "data-csy-topic": topicId }}
          label={text(catalog?.topics[topicId]?.name) || strings.unnamedTopic}
          checked={choices.topics.includes(topicId)}
          onChange={(on) => {
            const others = choices.topics.filter((id) => id !== topicId);
            setChoices({ ...choices, topics: on ? [...others, topicId] : others });
          }}
        />
      ))}
    </fieldset>
  );
}
