import { IDENTIFIER_FORMS, IDENTIFIER_KINDS, type CreateDestinationInput, type UpdateDestinationInput } from "@/lib/sync/destinations/schemas";

/**
 * The Destinations form as the domain's input. Lists left empty mean "all" (no filter); extra
 * headers are `Name: value` lines; identifier policy is one select per identifier kind. On an
 * edit, empty secret fields (headers, NATS token) keep what is stored.
 */
const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const list = (form: FormData, name: string) => form.getAll(name).map(String).filter(Boolean);
const lines = (value: string) => value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

function filters(form: FormData) {
  const out: Record<string, string[]> = {};
  for (const name of ["topics", "states", "purposes", "channels"]) {
    const values = list(form, name);
    if (values.length > 0) out[name] = values;
  }
  const regions = text(form, "regions").split(/[\s,，、]+/).filter(Boolean);
  if (regions.length > 0) out.regions = regions;
  return out;
}

function identifierPolicy(form: FormData) {
  const policy: Record<string, string> = {};
  for (const kind of IDENTIFIER_KINDS) {
    const form_ = text(form, `policy_${kind}`);
    if ((IDENTIFIER_FORMS as readonly string[]).includes(form_)) policy[kind] = form_;
  }
  return policy;
}

/** `Name: value` per line; a line without a colon is kept whole as a name, for the schema to refuse. */
function headers(value: string): Record<string, string> {
  return Object.fromEntries(
    lines(value).map((line) => {
      const at = line.indexOf(":");
      return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
}

export function createInputFromForm(form: FormData): CreateDestinationInput {
  const common = { name: text(form, "name"), filters: filters(form), identifierPolicy: identifierPolicy(form) } as Pick<CreateDestinationInput, "name" | "filters" | "identifierPolicy">;
  if (text(form, "kind") === "nats") {
    const token = text(form, "natsToken");
    return { kind: "nats", ...common, nats: { servers: lines(text(form, "natsServers")), subject: text(form, "natsSubject") }, ...(token ? { credentials: { token } } : {}) };
  }
  return { kind: "webhook", ...common, url: text(form, "url"), headers: headers(text(form, "headers")) };
}

export function updateInputFromForm(form: FormData, kind: "webhook" | "nats"): UpdateDestinationInput {
  const input: UpdateDestinationInput = { name: text(form, "name"), filters: filters(form), identifierPolicy: identifierPolicy(form) };
  if (kind === "webhook") {
    input.url = text(form, "url");
    if (form.get("clearHeaders") === "on") input.headers = null;
    else if (text(form, "headers")) input.headers = headers(text(form, "headers"));
  } else {
    input.nats = { servers: lines(text(form, "natsServers")), subject: text(form, "natsSubject") };
    if (form.get("clearCredentials") === "on") input.credentials = null;
    else if (text(form, "natsToken")) input.credentials = { token: text(form, "natsToken") };
  }
  return input;
}
