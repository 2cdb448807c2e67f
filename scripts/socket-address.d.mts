/** scripts/socket-address.mjs: a preload with side effects only (see the file). */
export declare const SOCKET_ADDRESS_HEADER: "x-consentry-socket-address";
