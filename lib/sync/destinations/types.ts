import type { DestinationFilters, DestinationKind, IdentifierPolicy } from "./schemas";

/** A destination as the console and the management API show it: never a secret. */
export interface Destination {
  id: string;
  workspaceId: string;
  name: string;
  kind: DestinationKind;
  /** Webhooks: the URL. */
  url: string | null;
  /** NATS: servers and subject. */
  nats: { servers: string[]; subject: string } | null;
  /** Names of the extra headers sent (their values are secret). */
  headerNames: string[];
  filters: DestinationFilters;
  identifierPolicy: IdentifierPolicy;
  /** `whsec_Ab3d…`: enough to tell secrets apart. */
  secretHint: string | null;
  /** `whpk_…`: verifies `v1a` signatures; also served at /api/v1/destinations/<id>/signing-key. */
  signingPublicKey: string | null;
  /** While a rotated-out secret still signs (24 h after the rotation). */
  previousSecretExpiresAt: Date | null;
  paused: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What creation and rotation answer once: the signing secret (webhooks), never shown again. */
export interface DestinationWithSecret {
  destination: Destination;
  signingSecret: string | null;
}
