// `server-only` throws outside a React Server bundle; tests run the same modules in plain Node.
export {};
