import { Fragment, type ReactNode } from "react";
import { ButtonView } from "./button-block";
import { ContainerView, PreferencesLayerView } from "./container-blocks";
import { DividerView, HeadingView, ImageView, LinkView } from "./content-blocks";
import { useRenderer } from "./context";
import { FrequencyCapView } from "./frequency-cap";
import { IdentityFieldView } from "./identity-field";
import { LanguageSwitcherView } from "./language-switcher";
import { NoticeView } from "./notice-block";
import { ChannelPreferencesView, TopicSubscriptionsView } from "./preference-blocks";
import { PurposeToggleView } from "./purpose-toggle";
import { QuietHoursView } from "./quiet-hours";
import { RichTextView } from "./rich-text-block";
import type { Block } from "./types";

function BlockView({ block, depth }: { block: Block; depth: number }): ReactNode {
  switch (block.type) {
    case "heading":
      return <HeadingView block={block} />;
    case "rich_text":
      return <RichTextView block={block} />;
    case "notice":
      return <NoticeView block={block} />;
    case "purpose_toggle":
      return <PurposeToggleView block={block} />;
    case "preferences_layer":
      return <PreferencesLayerView block={block} depth={depth} />;
    case "channel_preferences":
      return <ChannelPreferencesView block={block} />;
    case "topic_subscriptions":
      return <TopicSubscriptionsView block={block} />;
    case "frequency_cap":
      return <FrequencyCapView block={block} />;
    case "quiet_hours":
      return <QuietHoursView block={block} />;
    case "identity_field":
      return <IdentityFieldView block={block} />;
    case "button":
      return <ButtonView block={block} />;
    case "link":
      return <LinkView block={block} />;
    case "image":
      return <ImageView block={block} />;
    case "divider":
      return <DividerView />;
    case "language_switcher":
      return <LanguageSwitcherView block={block} />;
    case "container":
      return <ContainerView block={block} depth={depth} />;
    default:
      // A block type this renderer does not know (a newer document): draw nothing.
      return null;
  }
}

/**
 * One list of blocks (the root, a container's or a preferences layer's), wrapped once in
 * `list`, each block wrapped once in `frame`. `className` makes the list's own element the
 * layout element (stack or grid), so what `list` wraps around it does not break the layout.
 * A closed preferences layer is in the markup but `hidden`, and not framed (nothing to select),
 * so a behaviour layer working on server-rendered markup (the embed) can open it.
 */
export function BlockList({
  blocks,
  parentId,
  depth,
  className,
}: {
  blocks: Block[];
  parentId: string | null;
  depth: number;
  className: string;
}): ReactNode {
  const { frame, list, layersVisible } = useRenderer();
  const items = blocks.map((block, index) => {
    if (block.type === "preferences_layer" && !layersVisible) {
      return <PreferencesLayerView key={block.id} block={block} depth={depth} hidden />;
    }
    const view = <BlockView block={block} depth={depth} />;
    return <Fragment key={block.id}>{frame ? frame({ block, parentId, index, depth, children: view }) : view}</Fragment>;
  });
  const element = <div className={className}>{items}</div>;
  return list ? list({ parentId, blocks, children: element }) : element;
}
