"use client";

/**
 * The shop's footer link to reopen the banner's choices, through the embed's own API
 * (window.Consentry, lib/embed). Before the embed has loaded it does nothing.
 */
export function PrivacyChoicesButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.Consentry?.openPreferences()}
      className="rounded underline underline-offset-4 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-amber-300"
    >
      {label}
    </button>
  );
}
